package dev.citebot.server;

import static dev.citebot.server.ServerFixture.JSON;
import static dev.citebot.server.ServerFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.cli.CliRun;
import dev.citebot.http.BoundedHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API end to end: the real engine on a copy of the seeds, the real server on a loopback
 * port, the JDK's HttpClient (and raw sockets for the clients HttpClient is too polite to be).
 */
class ApiTest {
  static final List<String> QUESTIONS =
      List.of(
          "When did Vietnam and the DPRK establish diplomatic relations?",
          "Việt Nam và Triều Tiên đã ký những văn kiện nào?",
          "Hva sa To Lam om økonomisk innovasjon?",
          "What is the population of Belarus?",
          "Tô Lâm và Lukashenko ký tuyên bố gì?");

  @TempDir static Path dir;
  static ServerFixture api;

  @BeforeAll
  static void start() throws Exception {
    api = ServerFixture.start(dir, Map.of());
  }

  @AfterAll
  static void stop() throws IOException {
    api.close();
  }

  /** The record without what differs from run to run. */
  static JsonNode comparable(JsonNode record) {
    ObjectNode copy = record.deepCopy();
    copy.remove("timings_ms");
    copy.remove("conversation");
    return copy;
  }

  @Test
  void answersAreTheRecordsAskJsonPrintsPlusTheConversation() {
    CliRun cli = CliRun.run(api.env, String.join("\n", QUESTIONS) + "\n", "ask", "--json");
    assertThat(cli.code()).as(cli.err()).isZero();
    List<JsonNode> printed = cli.json();
    assertThat(printed).hasSize(QUESTIONS.size());
    for (int i = 0; i < QUESTIONS.size(); i++) {
      JsonNode served = api.ask(QUESTIONS.get(i), null);
      assertThat(served.path("conversation").asText()).matches("[0-9a-f]{16}");
      assertThat(served.path("timings_ms").path("total").isNumber()).isTrue();
      assertThat(comparable(served)).isEqualTo(comparable(printed.get(i)));
    }
  }

  @Test
  void aFollowUpIsAnsweredInItsConversationAsChatAnswersIt() {
    List<String> turns =
        List.of("Who invited Tô Lâm to visit the DPRK?", "And when did they establish relations?");
    String stdin =
        turns.stream()
            .map(q -> JSON.createObjectNode().put("question", q).toString())
            .collect(Collectors.joining("\n", "", "\n"));
    CliRun chat = CliRun.run(api.env, stdin, "chat", "--json");
    assertThat(chat.code()).as(chat.err()).isZero();
    List<JsonNode> printed = chat.json();
    assertThat(printed).hasSize(2);

    JsonNode first = api.ask(turns.get(0), null);
    String id = first.path("conversation").asText();
    JsonNode second = api.ask(turns.get(1), id);
    assertThat(second.path("conversation").asText()).isEqualTo(id);
    assertThat(comparable(first)).isEqualTo(comparable(printed.get(0)));
    assertThat(comparable(second)).isEqualTo(comparable(printed.get(1)));

    // The same follow-up in a new conversation has no context to lean on.
    JsonNode alone = api.ask(turns.get(1), null);
    assertThat(alone.path("conversation").asText()).isNotEqualTo(id);
  }

  @Test
  void aConversationIdTheServerDidNotGiveStartsANewConversation() {
    for (String made : List.of("0000000000000001", "not an id", "")) {
      JsonNode a = api.ask("Who invited Tô Lâm to visit the DPRK?", made);
      assertThat(a.path("conversation").asText()).isNotEqualTo(made).matches("[0-9a-f]{16}");
    }
  }

  @Test
  void showGivesTheCitedLinesWithTitleUrlAndLanguage() {
    JsonNode answer = api.ask(QUESTIONS.get(0), null);
    JsonNode c = answer.path("citations").get(0);
    int from = c.path("lines").get(0).asInt();
    int to = c.path("lines").get(1).asInt();
    HttpResponse<String> r =
        api.get("/api/show?file=" + enc(c.path("file").asText()) + "&from=" + from + "&to=" + to);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode shown = json(r);
    assertThat(shown.path("file").asText()).isEqualTo(c.path("file").asText());
    assertThat(shown.path("title").asText()).isEqualTo(c.path("title").asText());
    assertThat(shown.path("language").asText()).isEqualTo("en");
    assertThat(shown.path("from").asInt()).isEqualTo(from);
    assertThat(shown.path("to").asInt()).isEqualTo(to);
    String lines = String.join("\n", JSON.convertValue(shown.path("lines"), String[].class));
    assertThat(lines).contains(c.path("quote").asText());

    // Line numbers of any size are clamped, as `show` takes them.
    JsonNode whole =
        json(api.get("/api/show?file=" + enc(c.path("file").asText()) + "&to=99999999999999"));
    assertThat(whole.path("from").asInt()).isEqualTo(1);
    assertThat(whole.path("lines").size()).isEqualTo(whole.path("to").asInt());
  }

  @Test
  void pathsOutsideTheCorpusAreRefused() throws IOException {
    Path secret = dir.resolve("secret.txt");
    Files.writeString(secret, "root:x:0:0:the secret\n");
    String inside = api.corpus.toRealPath().resolve("003_600e93926c99760f.txt").toString();
    List<String> names =
        List.of(
            "../secret.txt",
            "../../../../../../etc/passwd",
            "/etc/passwd",
            secret.toString(),
            inside, // even a path into the corpus: only names as cited are articles
            "seeds/../../secret.txt",
            "..\\secret.txt",
            "003_600e93926c99760f.txt/../../secret.txt");
    for (String name : names) {
      HttpResponse<String> r = api.get("/api/show?file=" + enc(name));
      assertThat(r.statusCode()).as(name).isEqualTo(404);
      assertThat(r.body()).doesNotContain("root:x");
      // The name as given, never a path of the server it would resolve to.
      assertThat(json(r).path("error").asText())
          .isEqualTo(name + " is not an article of the corpus.");
    }
    // Raw, undecoded traversal in the request target does not reach a file either.
    assertThat(api.get("/../../etc/passwd").statusCode()).isEqualTo(404);
  }

  @Test
  void badJsonOrABadQuestionIs400WithOneSentence() {
    Map<String, String> bodies =
        Map.of(
            "{",
            "The body is not JSON; send {\"question\": \"...\"}.",
            "null",
            "The body must be a JSON object such as {\"question\": \"...\"}.",
            "[\"q\"]",
            "The body must be a JSON object such as {\"question\": \"...\"}.",
            "{\"question\": 42}",
            "The body needs a \"question\" string.",
            "{\"q\": \"x\"}",
            "The body needs a \"question\" string.",
            "{\"question\": \"x\", \"conversation\": 7}",
            "\"conversation\" must be the id string an earlier answer gave, or left out.",
            "{\"question\": \"   \"}",
            "The question is empty.",
            "{\"question\": \"" + "x".repeat(2001) + "\"}",
            "The question is too long: 2001 characters, the limit is 2000.");
    for (Map.Entry<String, String> e : bodies.entrySet()) {
      HttpResponse<String> r = api.post("/api/ask", e.getKey());
      assertThat(r.statusCode()).as(e.getKey()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue(JsonResponses.JSON);
      assertThat(json(r).path("error").asText()).isEqualTo(e.getValue());
    }
    assertThat(api.get("/api/show").statusCode()).isEqualTo(400);
    assertThat(api.get("/api/show?file=a.txt&from=x").statusCode()).isEqualTo(400);
  }

  @Test
  void unknownPathsAre404AndWrongMethods405() {
    HttpResponse<String> r = api.get("/api/nothing");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(json(r).path("error").asText()).isEqualTo("There is nothing at /api/nothing.");
    HttpResponse<String> get = api.get("/api/ask");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(api.post("/api/sources", "{}").statusCode()).isEqualTo(405);
  }

  @Test
  void listensOnTheLoopbackAddressByDefault() {
    assertThat(api.server.address().getAddress().isLoopbackAddress()).isTrue();
  }

  @Test
  void sourcesAndHealth() {
    JsonNode sources = json(api.get("/api/sources"));
    assertThat(sources.path("articles").size()).isEqualTo(5);
    assertThat(sources.path("articles").get(0).path("file").asText()).endsWith(".txt");
    JsonNode health = json(api.get("/api/health"));
    assertThat(health.path("status").asText()).isEqualTo("ok");
    assertThat(health.path("articles").asInt()).isEqualTo(5);
  }

  @Test
  void thePageIsServedWithItsOwnFilesOnly() {
    HttpResponse<String> page = api.get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("script-src 'self'")
        .contains("default-src 'none'");
    // Nothing from another site: the page works offline.
    for (String file : List.of("/", "/app.js", "/app.css")) {
      assertThat(api.get(file).body()).as(file).doesNotContain("//cdn").doesNotContain("https://");
    }
    // No article text ever becomes HTML.
    assertThat(api.get("/app.js").body())
        .doesNotContain("innerHTML")
        .doesNotContain("insertAdjacentHTML");
  }

  /** A 2 MB body is refused from its declared length: the server answers before it is sent. */
  @Test
  void aTwoMegabyteBodyIsRefusedWithoutBeingRead() throws IOException {
    int size = 2 << 20;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), api.server.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + size
                  + "\r\n\r\n{\"question\": \"")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      // Not one more byte of the body is sent, yet the answer comes.
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 413 ");
      assertThat(response)
          .endsWith("{\"error\":\"The request body is too large: the limit is 64 KB.\"}");
    }
    // Sent whole by a client that does not wait: refused the same way (or cut off while sending).
    String body = "{\"question\": \"" + "x".repeat(size) + "\"}";
    try {
      HttpResponse<String> r = api.post("/api/ask", body);
      assertThat(r.statusCode()).isEqualTo(413);
    } catch (UncheckedIOException cutOff) {
      // the server closed the connection while the client was still writing: also a refusal
    }
    assertThat(api.get("/api/health").statusCode()).isEqualTo(200);
  }

  /**
   * Clients that send half a request and stop hold one worker each until the deadline, and nobody
   * else waits for them.
   */
  @Test
  void slowClientsDoNotStallTheOthers(@TempDir Path own) throws Exception {
    var settings =
        new WebServer.Settings(
            new BoundedHttpServer.Limits(
                8,
                8,
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                16 * 1024,
                WebServer.MAX_BODY_BYTES),
            4,
            Duration.ofSeconds(5));
    try (ServerFixture slow = ServerFixture.start(own, Map.of(), settings)) {
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), slow.server.port());
          stalled.add(s);
          s.getOutputStream()
              .write(
                  "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Le"
                      .getBytes(StandardCharsets.ISO_8859_1));
        }
        Socket body = new Socket(InetAddress.getLoopbackAddress(), slow.server.port());
        stalled.add(body); // a whole head, then a body that never comes
        body.getOutputStream()
            .write(
                "POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"q"
                    .getBytes(StandardCharsets.ISO_8859_1));
        JsonNode answer = slow.ask(QUESTIONS.get(0), null);
        assertThat(answer.path("grounded").asBoolean()).isTrue();
        // The stalled clients are still waiting (their deadline is a minute): nobody waited on
        // them.
        for (Socket s : stalled) {
          s.setSoTimeout(1);
          InputStream in = s.getInputStream();
          assertThat(readOrTimeout(in)).isEqualTo(-2);
        }
      } finally {
        for (Socket s : stalled) {
          s.close();
        }
      }
    }
  }

  /** A client that stops half way through its head is cut off at the deadline with a 408. */
  @Test
  void aStalledRequestIsCutOffAtTheDeadline(@TempDir Path own) throws Exception {
    var settings =
        new WebServer.Settings(
            new BoundedHttpServer.Limits(
                4,
                4,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                16 * 1024,
                WebServer.MAX_BODY_BYTES),
            4,
            Duration.ofSeconds(5));
    try (ServerFixture slow = ServerFixture.start(own, Map.of(), settings);
        Socket s = new Socket(InetAddress.getLoopbackAddress(), slow.server.port())) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write("GET /api/health HTTP/1.1\r\nHo".getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 408 ");
      assertThat(response).endsWith("{\"error\":\"The request did not arrive in time.\"}");
    }
  }

  /** -2 when nothing arrived within the socket's timeout, else what read() gave. */
  static int readOrTimeout(InputStream in) throws IOException {
    try {
      return in.read();
    } catch (SocketTimeoutException e) {
      return -2;
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
