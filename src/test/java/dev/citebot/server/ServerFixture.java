package dev.citebot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import dev.citebot.config.CitebotConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real {@code citebot serve} for tests: the engine on a copy of the seeds in a temp folder, the
 * server on a free loopback port, and the JDK's HttpClient to talk to it.
 */
final class ServerFixture implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  final Path corpus;
  final Map<String, String> env;
  final Citebot engine;
  final WebServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ServerFixture(Path corpus, Map<String, String> env, Citebot engine, WebServer server) {
    this.corpus = corpus;
    this.env = env;
    this.engine = engine;
    this.server = server;
  }

  /** The seeds in {@code dir}, settings from {@code env} (CITEBOT_* variables), default limits. */
  static ServerFixture start(Path dir, Map<String, String> env) throws Exception {
    return start(dir, env, WebServer.Settings.defaults());
  }

  static ServerFixture start(Path dir, Map<String, String> env, WebServer.Settings settings)
      throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    Map<String, String> all = new HashMap<>(env);
    all.put("CITEBOT_CORPUS", corpus.toString());
    all.put("CITEBOT_INDEX_DIR", dir.resolve("data").toString());
    all.put("CITEBOT_CHAT_HISTORY_FILE", "");
    CitebotConfig config = TestCorpus.config(corpus, dir.resolve("data"), all);
    Citebot engine = Citebot.open(config, false, line -> {});
    try {
      return new ServerFixture(
          corpus, Map.copyOf(all), engine, WebServer.start(engine, config.server(), 0, settings));
    } catch (Exception e) {
      engine.close();
      throw e;
    }
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  HttpResponse<String> get(String pathAndQuery, String... headers) {
    return send(request(pathAndQuery, headers).GET().build());
  }

  HttpResponse<String> post(String pathAndQuery, String body, String... headers) {
    return send(
        request(pathAndQuery, headers)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** POST /api/ask of {@code question} in {@code conversation} (null: a new one). */
  JsonNode ask(String question, String conversation) {
    ObjectNode body = JSON.createObjectNode().put("question", question);
    if (conversation != null) {
      body.put("conversation", conversation);
    }
    HttpResponse<String> r = post("/api/ask", body.toString());
    if (r.statusCode() != 200) {
      throw new AssertionError("ask answered " + r.statusCode() + ": " + r.body());
    }
    return json(r);
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }

  private HttpRequest.Builder request(String pathAndQuery, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    engine.close();
  }
}
