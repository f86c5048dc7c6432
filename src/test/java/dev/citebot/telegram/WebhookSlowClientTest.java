package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.Citebot;
import dev.citebot.config.CitebotConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or broken clients of the webhook port, on raw sockets: they must not keep Telegram's own
 * updates waiting. Time bounds are generous (seconds where a healthy server needs milliseconds);
 * before the fix the valid update waited for minutes.
 */
class WebhookSlowClientTest {
  static final String SECRET = "hook-Secret_0123456789";
  static final String PATH = "/citebot/hook";

  @TempDir static Path dir;
  static Citebot engine;

  FakeBotApi api;
  TelegramService service;
  final List<Socket> stalled = new ArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void openEngine() {
    engine = BotFixture.engine(dir);
  }

  @AfterAll
  static void closeEngine() throws Exception {
    engine.close();
  }

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi(BotFixture.TOKEN);
    var config =
        new CitebotConfig.Telegram(
            BotFixture.TOKEN,
            api.apiUrl(),
            Set.of(),
            Set.of(),
            60,
            1000,
            "https://bot.example.org" + PATH,
            8443,
            SECRET,
            "127.0.0.1");
    service = TelegramService.start(engine, config, BotFixture.FAST);
  }

  @AfterEach
  void stop() throws Exception {
    for (Socket s : stalled) {
      s.close();
    }
    service.close();
    api.close();
  }

  Socket open() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), service.webhookPort());
    stalled.add(s);
    return s;
  }

  static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Posts a real update with the secret; its status and how long it took, in ms. */
  long[] postUpdate(int chat) throws Exception {
    String update = api.textUpdate(chat, chat, "Who is Tô Lâm?").toString();
    HttpRequest r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.webhookPort() + PATH))
            .header(WebhookServer.SECRET_HEADER, SECRET)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(update))
            .build();
    long t0 = System.nanoTime();
    int status = http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    return new long[] {status, (System.nanoTime() - t0) / 1_000_000};
  }

  /** The status line the server sent on {@code s}, or "" when it closed without one. */
  static String statusLine(Socket s, Duration within) throws IOException {
    s.setSoTimeout((int) within.toMillis());
    InputStream in = s.getInputStream();
    StringBuilder sb = new StringBuilder();
    try {
      for (int c; (c = in.read()) != -1 && c != '\r' && c != '\n'; ) {
        sb.append((char) c);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer and no close within " + within, e);
    } catch (IOException reset) {
      // closed with a reset: no status line
    }
    return sb.toString();
  }

  /** Reads until the server closes; fails when it keeps the connection open past {@code within}. */
  static void assertClosedWithin(Socket s, Duration within) throws IOException {
    s.setSoTimeout((int) within.toMillis());
    try {
      InputStream in = s.getInputStream();
      while (in.read() != -1) {}
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept the connection open past " + within, e);
    } catch (IOException reset) {
      // closed with a reset: fine
    }
  }

  @Test
  void fourHalfHeadsDoNotDelayAValidUpdate() throws Exception {
    for (int i = 0; i < 4; i++) {
      send(open(), "POST " + PATH + " HTTP/1.1\r\nHost: bot.example.org\r\nContent-Ty");
    }
    Thread.sleep(200);
    long[] took = postUpdate(81);
    assertThat(took[0]).isEqualTo(200);
    assertThat(took[1]).as("ms for a valid update while 4 half heads stall").isLessThan(10_000);
    assertThat(api.awaitSent(81, 1)).hasSize(1);
  }

  @Test
  void declaredButMissingBodiesAfterA401DoNotHoldTheServer() throws Exception {
    for (int i = 0; i < 4; i++) {
      Socket s = open();
      send(s, "POST " + PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
      assertThat(statusLine(s, Duration.ofSeconds(10))).isEqualTo("HTTP/1.1 401 Unauthorized");
      assertClosedWithin(s, Duration.ofSeconds(10));
    }
    long[] took = postUpdate(82);
    assertThat(took[0]).isEqualTo(200);
    assertThat(took[1]).as("ms for a valid update after 4 unfinished bodies").isLessThan(10_000);
  }

  @Test
  void aBodyThatNeverComesWithTheSecretIsCutOff() throws Exception {
    for (int i = 0; i < 4; i++) {
      send(
          open(),
          "POST "
              + PATH
              + " HTTP/1.1\r\nHost: x\r\n"
              + WebhookServer.SECRET_HEADER
              + ": "
              + SECRET
              + "\r\nContent-Length: 100000\r\n\r\n{\"upd");
    }
    Thread.sleep(200);
    long[] took = postUpdate(83);
    assertThat(took[0]).isEqualTo(200);
    assertThat(took[1]).as("ms for a valid update while 4 bodies stall").isLessThan(10_000);
  }

  @Test
  void aNullOrNonObjectBodyIsA400() throws Exception {
    for (String body : List.of("null", "[]", "42", "\"x\"", "{}")) {
      Socket s = open();
      send(
          s,
          "POST "
              + PATH
              + " HTTP/1.1\r\nHost: x\r\n"
              + WebhookServer.SECRET_HEADER
              + ": "
              + SECRET
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + body.length()
              + "\r\n\r\n"
              + body);
      assertThat(statusLine(s, Duration.ofSeconds(10)))
          .as(body)
          .isEqualTo("HTTP/1.1 400 Bad Request");
    }
    assertThat(postUpdate(84)[0]).isEqualTo(200);
  }

  @Test
  void oversizedHeadsAndBodiesAreRefusedWithoutReadingThem() throws Exception {
    Socket head = open();
    send(head, "POST " + PATH + " HTTP/1.1\r\nX-Pad: " + "a".repeat(64 * 1024));
    assertThat(statusLine(head, Duration.ofSeconds(10)))
        .isEqualTo("HTTP/1.1 431 Request Header Fields Too Large");
    Socket body = open();
    send(
        body,
        "POST "
            + PATH
            + " HTTP/1.1\r\n"
            + WebhookServer.SECRET_HEADER
            + ": "
            + SECRET
            + "\r\nContent-Length: 2000000000\r\n\r\n");
    assertThat(statusLine(body, Duration.ofSeconds(10)))
        .isEqualTo("HTTP/1.1 413 Payload Too Large");
    Socket chunked = open();
    send(
        chunked,
        "POST "
            + PATH
            + " HTTP/1.1\r\n"
            + WebhookServer.SECRET_HEADER
            + ": "
            + SECRET
            + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
    assertThat(statusLine(chunked, Duration.ofSeconds(10)))
        .isEqualTo("HTTP/1.1 411 Length Required");
  }

  @Test
  void listensOnTheConfiguredAddressOnly() throws Exception {
    assertThat(service.webhookAddress().getAddress().isLoopbackAddress()).isTrue();
  }
}
