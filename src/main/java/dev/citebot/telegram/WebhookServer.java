package dev.citebot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives updates that Telegram POSTs to the webhook URL, on the JDK's own HTTP server (the
 * TelegramBots webhook module does not exist for 10.x). Only requests carrying the secret in the
 * {@code X-Telegram-Bot-Api-Secret-Token} header are taken. Plain HTTP: put it behind a reverse
 * proxy that terminates HTTPS, as Telegram only calls https URLs.
 *
 * <p>Answers 200 once the update is queued (the answer is sent later, by the Bot API), 503 while
 * shutting down so that Telegram delivers the update again after the restart.
 */
final class WebhookServer implements AutoCloseable {
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);
  private static final int MAX_BODY = 1 << 20;

  private final HttpServer server;
  private final ExecutorService threads;
  private final String path;
  private final byte[] secret;
  private final ObjectMapper json;
  private final Predicate<Update> handler;

  /**
   * @param handler takes an update; false means "not now" (shutting down)
   */
  WebhookServer(
      InetSocketAddress address,
      String path,
      String secret,
      ObjectMapper json,
      Predicate<Update> handler)
      throws IOException {
    this.path = path;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.json = json;
    this.handler = handler;
    this.server = HttpServer.create(address, 64);
    this.threads =
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "citebot-webhook");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(threads);
    server.createContext(path, this::exchange);
    // Jackson builds the deserializers of Update's large object graph on first use (about a
    // second); do it now rather than on the first update.
    json.readValue("{\"update_id\":0}", Update.class);
  }

  void start() {
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void exchange(HttpExchange ex) throws IOException {
    try (ex) {
      if (!ex.getRequestURI().getPath().equals(path)) {
        respond(ex, 404);
        return;
      }
      if (!"POST".equals(ex.getRequestMethod())) {
        respond(ex, 405);
        return;
      }
      String got = ex.getRequestHeaders().getFirst(SECRET_HEADER);
      if (got == null || !MessageDigest.isEqual(got.getBytes(StandardCharsets.UTF_8), secret)) {
        log.warn("Refused a webhook request without the right secret header.");
        respond(ex, 401);
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        respond(ex, 413);
        return;
      }
      Update update;
      try {
        update = json.readValue(body, Update.class);
      } catch (IOException e) {
        log.warn("Refused a webhook request that is not an update.");
        respond(ex, 400);
        return;
      }
      respond(ex, handler.test(update) ? 200 : 503);
    } catch (RuntimeException e) {
      log.error("The webhook failed on a request: {}", e.toString());
    }
  }

  private static void respond(HttpExchange ex, int status) throws IOException {
    ex.sendResponseHeaders(status, -1);
  }

  @Override
  public void close() {
    server.stop(0); // updates are queued or refused (503) by now; nothing is lost
    threads.shutdownNow();
  }
}
