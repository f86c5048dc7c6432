package dev.citebot.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's bounds on the response side, with raw sockets as the clients. */
class BoundedHttpServerTest {
  static final byte[] HUGE = new byte[64 << 20];

  static BoundedHttpServer start(Duration responseTimeout) throws IOException {
    BoundedHttpServer server =
        new BoundedHttpServer(
            "test",
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            new BoundedHttpServer.Limits(
                1, 4, Duration.ofSeconds(30), responseTimeout, 16 * 1024, 1024),
            exchange -> {
              byte[] body =
                  exchange.head().path().equals("/huge")
                      ? HUGE
                      : "small".getBytes(StandardCharsets.UTF_8);
              exchange.send(200, "text/plain", body, "");
            },
            (status, why) -> HttpRequestReader.response(status, ""));
    server.start();
    return server;
  }

  static Socket request(BoundedHttpServer server, String path) throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
    OutputStream out = s.getOutputStream();
    out.write(
        ("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return s;
  }

  /**
   * A client that asks for a large response and reads none of it holds its worker only until the
   * response deadline: with one worker, the next client is still answered.
   */
  @Test
  void aClientThatDoesNotReadItsResponseIsCutOffAtTheDeadline() throws Exception {
    try (BoundedHttpServer server = start(Duration.ofMillis(500));
        Socket greedy = request(server, "/huge");
        Socket next = request(server, "/small")) {
      next.setSoTimeout(60_000);
      // The only worker is free again: the greedy client's connection was closed at its deadline.
      String answer = new String(next.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(answer).startsWith("HTTP/1.1 200 ").endsWith("small");
    }
  }
}
