package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * The webhook server's own limits, with short deadlines so that the tests do not wait for the
 * production ones (10 s); raw sockets play the slow clients.
 */
class WebhookServerTest {
  static final String SECRET = "s3cret";
  final List<Update> taken = new CopyOnWriteArrayList<>();
  final List<Socket> sockets = new ArrayList<>();
  WebhookServer server;

  WebhookServer start(WebhookServer.Limits limits) throws IOException {
    server =
        new WebhookServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            "/hook",
            SECRET,
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false),
            taken::add,
            limits);
    server.start();
    return server;
  }

  @AfterEach
  void stop() throws IOException {
    for (Socket s : sockets) {
      s.close();
    }
    if (server != null) {
      server.close();
    }
  }

  Socket open() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    sockets.add(s);
    return s;
  }

  static void send(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  static String update(int id) {
    String body = "{\"update_id\":" + id + "}";
    return "POST /hook HTTP/1.1\r\nHost: x\r\n"
        + WebhookServer.SECRET_HEADER
        + ": "
        + SECRET
        + "\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  @Test
  void aStalledHeadIsCutOffAtTheDeadline() throws Exception {
    start(new WebhookServer.Limits(2, 2, Duration.ofMillis(500), 16 * 1024, 1 << 20));
    Socket s = open();
    send(s, "POST /hook HTTP/1.1\r\nHost: x\r\n");
    long t0 = System.nanoTime();
    assertThat(WebhookSlowClientTest.statusLine(s, Duration.ofSeconds(10)))
        .isEqualTo("HTTP/1.1 408 Request Timeout");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(8_000);
  }

  @Test
  void aHeadDrippedByteByByteIsCutOffAtTheDeadlineToo() throws Exception {
    start(new WebhookServer.Limits(2, 2, Duration.ofMillis(800), 16 * 1024, 1 << 20));
    Socket s = open();
    long t0 = System.nanoTime();
    String head = "POST /hook HTTP/1.1\r\nX-Slow: " + "a".repeat(200);
    try {
      for (char c : head.toCharArray()) { // one byte every 100 ms: each read is quick
        send(s, String.valueOf(c));
        Thread.sleep(100);
      }
    } catch (IOException closedByServer) {
      // expected once the deadline passed
    }
    assertThat(WebhookSlowClientTest.statusLine(s, Duration.ofSeconds(10)))
        .isIn("HTTP/1.1 408 Request Timeout", "");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(15_000);
  }

  @Test
  void whenEveryWorkerAndQueueSlotIsTakenOthersGet503AtOnce() throws Exception {
    start(new WebhookServer.Limits(1, 1, Duration.ofSeconds(30), 16 * 1024, 1 << 20));
    send(open(), "POST /hook HTTP/1.1\r\n"); // holds the worker
    Thread.sleep(200);
    send(open(), "POST /hook HTTP/1.1\r\n"); // waits in the queue
    Thread.sleep(200);
    Socket third = open();
    assertThat(WebhookSlowClientTest.statusLine(third, Duration.ofSeconds(10)))
        .isEqualTo("HTTP/1.1 503 Service Unavailable");
  }

  @Test
  void closingEndsConnectionsOfSlowClients() throws Exception {
    start(new WebhookServer.Limits(2, 2, Duration.ofSeconds(60), 16 * 1024, 1 << 20));
    Socket s = open();
    send(s, "POST /hook HTTP/1.1\r\n");
    Thread.sleep(200);
    server.close();
    WebhookSlowClientTest.assertClosedWithin(s, Duration.ofSeconds(10));
  }

  @Test
  void oneUpdateIsTakenAndAnswered200() throws Exception {
    start(WebhookServer.Limits.defaults());
    Socket s = open();
    send(s, update(7));
    assertThat(WebhookSlowClientTest.statusLine(s, Duration.ofSeconds(10)))
        .isEqualTo("HTTP/1.1 200 OK");
    assertThat(taken).extracting(Update::getUpdateId).containsExactly(7);
  }

  @Test
  void aClientThatExpects100ContinueGetsItThenTheAnswer() throws Exception {
    start(WebhookServer.Limits.defaults());
    Socket s = open();
    String body = "{\"update_id\":8}";
    send(
        s,
        "POST /hook HTTP/1.1\r\n"
            + WebhookServer.SECRET_HEADER
            + ": "
            + SECRET
            + "\r\nExpect: 100-continue\r\nContent-Length: "
            + body.length()
            + "\r\n\r\n");
    assertThat(WebhookSlowClientTest.statusLine(s, Duration.ofSeconds(10)))
        .isEqualTo("HTTP/1.1 100 Continue");
    send(s, body);
    s.getInputStream().readNBytes(3); // the rest of the interim response: "\n\r\n"
    assertThat(WebhookSlowClientTest.statusLine(s, Duration.ofSeconds(10)))
        .isEqualTo("HTTP/1.1 200 OK");
    assertThat(taken).extracting(Update::getUpdateId).containsExactly(8);
  }

  @Test
  void aFloodOfRefusedRequestsIsAFewLogLinesNotAFlood() throws Exception {
    start(WebhookServer.Limits.defaults());
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 50; i++) {
        Socket s = open();
        send(s, "POST /hook HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(WebhookSlowClientTest.statusLine(s, Duration.ofSeconds(10)))
            .isEqualTo("HTTP/1.1 401 Unauthorized");
      }
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .filteredOn(l -> l.contains("Refused a webhook request"))
        .hasSizeBetween(1, 2);
  }

  @Test
  void malformedHeadsAre400() throws Exception {
    start(WebhookServer.Limits.defaults());
    for (String head :
        List.of(
            "GARBAGE\r\n\r\n",
            "POST /hook HTTP/1.1\r\n folded: x\r\n\r\n",
            "POST /hook HTTP/1.1\r\nBad Name: x\r\n\r\n",
            "POST /hook HTTP/1.1\r\n"
                + WebhookServer.SECRET_HEADER
                + ": "
                + SECRET
                + "\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n")) {
      Socket s = open();
      send(s, head);
      assertThat(WebhookSlowClientTest.statusLine(s, Duration.ofSeconds(10)))
          .as(head)
          .isEqualTo("HTTP/1.1 400 Bad Request");
    }
    assertThat(taken).isEmpty();
  }
}
