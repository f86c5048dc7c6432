package dev.citebot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.http.BoundedHttpServer;
import dev.citebot.http.Exchange;
import dev.citebot.http.HttpRequestReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * Receives updates that Telegram POSTs to the webhook URL. Only requests carrying the secret in the
 * {@code X-Telegram-Bot-Api-Secret-Token} header are taken. Plain HTTP: put it behind a reverse
 * proxy that terminates HTTPS, as Telegram only calls https URLs.
 *
 * <p>Answers 200 once the update is queued (the answer is sent later, by the Bot API), 503 while
 * shutting down so that Telegram delivers the update again after the restart. Runs on {@link
 * BoundedHttpServer} (deadlines and size limits for every request; see there why not the JDK's
 * HttpServer); responses have no body.
 */
final class WebhookServer implements AutoCloseable {
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  /** Bounds on what clients may cost; see {@link BoundedHttpServer.Limits}. */
  record Limits(
      int workers, int queue, Duration requestTimeout, int maxHeadBytes, int maxBodyBytes) {
    static Limits defaults() {
      // An update is a few KB; 16 at once and 64 waiting is far more than one bot receives.
      return new Limits(16, 64, Duration.ofSeconds(10), 16 * 1024, 1 << 20);
    }
  }

  private final BoundedHttpServer server;
  private final String path;
  private final byte[] secret;
  private final ObjectMapper json;
  private final Predicate<Update> handler;
  private final ThrottledWarning noSecret =
      new ThrottledWarning(
          log, "Refused a webhook request without the right secret header.", Duration.ofMinutes(1));
  private final ThrottledWarning notAnUpdate =
      new ThrottledWarning(
          log, "Refused a webhook request that is not an update.", Duration.ofMinutes(1));

  /**
   * Binds {@code address} (not yet serving: see {@link #start}).
   *
   * @param handler takes an update; false means "not now" (shutting down)
   */
  WebhookServer(
      InetSocketAddress address,
      String path,
      String secret,
      ObjectMapper json,
      Predicate<Update> handler,
      Limits limits)
      throws IOException {
    this.path = path;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.json = json;
    this.handler = handler;
    // Jackson builds the deserializers of Update's large object graph on first use (about a
    // second); do it now rather than on the first update.
    json.readValue("{\"update_id\":0}", Update.class);
    this.server =
        new BoundedHttpServer(
            "webhook",
            address,
            new BoundedHttpServer.Limits(
                limits.workers(),
                limits.queue(),
                limits.requestTimeout(),
                // An update is queued, not answered, and the response is a few bytes.
                Duration.ofSeconds(10),
                limits.maxHeadBytes(),
                limits.maxBodyBytes()),
            this::serve,
            WebhookServer::refusal);
  }

  void start() {
    server.start();
  }

  int port() {
    return server.port();
  }

  InetSocketAddress address() {
    return server.address();
  }

  private void serve(Exchange exchange) throws IOException, HttpRequestReader.Refused {
    int status = handle(exchange);
    exchange.sendRaw(HttpRequestReader.response(status, status == 405 ? "Allow: POST\r\n" : ""));
  }

  private static byte[] refusal(int status, String why) {
    return HttpRequestReader.response(status, status == 503 ? "Retry-After: 1\r\n" : "");
  }

  /** The status of one request; reads the body only once the secret is right. */
  private int handle(Exchange exchange) throws IOException, HttpRequestReader.Refused {
    HttpRequestReader.Head head = exchange.head();
    if (!head.path().equals(path)) {
      return 404;
    }
    if (!"POST".equals(head.method())) {
      return 405;
    }
    String got = head.single(SECRET_HEADER);
    if (got == null || !MessageDigest.isEqual(got.getBytes(StandardCharsets.UTF_8), secret)) {
      noSecret.warn();
      return 401;
    }
    Update update = update(exchange.body());
    if (update == null) {
      notAnUpdate.warn();
      return 400;
    }
    return handler.test(update) ? 200 : 503;
  }

  /** The update in {@code body}, or null when it is none. */
  private Update update(byte[] body) {
    try {
      // Only an object can be an update: "null", "[]" or "42" would deserialize to null or fail.
      JsonNode tree = json.readTree(body);
      if (tree == null || !tree.isObject()) {
        return null;
      }
      Update update = json.treeToValue(tree, Update.class);
      return update == null || update.getUpdateId() == null ? null : update;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() {
    // Updates are queued or refused (503) by now; nothing is lost.
    server.close();
  }
}
