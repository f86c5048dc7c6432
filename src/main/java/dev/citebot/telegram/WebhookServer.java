package dev.citebot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * shutting down so that Telegram delivers the update again after the restart.
 *
 * <p>Why not the JDK's HttpServer: it reads a request head on a worker thread with no time limit,
 * and none of its system properties (JDK 17: {@code sun.net.httpserver.maxReqTime}, {@code
 * maxRspTime}, {@code idleInterval}, {@code maxReqHeaders}, ...) bounds a head that stops half way,
 * nor the draining of a declared body it never gets; four such sockets stopped it. Those properties
 * are also global to the JVM and read once. A webhook needs very little of HTTP, so this is a small
 * server on blocking sockets where every request has a deadline and size limits: one request per
 * connection, a head of bounded size, a body of a declared and bounded Content-Length.
 */
final class WebhookServer implements AutoCloseable {
  static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
  private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

  /**
   * Bounds on what clients may cost.
   *
   * @param workers connections served at once (a stalled one holds a worker until its deadline)
   * @param queue connections accepted beyond that and waiting; more get 503 at once
   * @param requestTimeout from accepting a connection to having read the whole request
   * @param maxHeadBytes request line and headers
   * @param maxBodyBytes an update (Telegram's are a few KB)
   */
  record Limits(
      int workers, int queue, Duration requestTimeout, int maxHeadBytes, int maxBodyBytes) {
    static Limits defaults() {
      return new Limits(16, 64, Duration.ofSeconds(10), 16 * 1024, 1 << 20);
    }
  }

  private final ServerSocket server;
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final String path;
  private final byte[] secret;
  private final ObjectMapper json;
  private final Predicate<Update> handler;
  private final Limits limits;
  private final ThrottledWarning noSecret =
      new ThrottledWarning(
          log, "Refused a webhook request without the right secret header.", Duration.ofMinutes(1));
  private final ThrottledWarning notAnUpdate =
      new ThrottledWarning(
          log, "Refused a webhook request that is not an update.", Duration.ofMinutes(1));
  private volatile boolean closed;

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
    this.limits = limits;
    this.server = new ServerSocket();
    try {
      server.setReuseAddress(true); // a restart must not wait for TIME_WAIT sockets
      server.bind(address, 64);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    AtomicInteger n = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            limits.workers(),
            limits.workers(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(limits.queue()),
            r -> {
              Thread t = new Thread(r, "citebot-webhook-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.acceptor = new Thread(this::acceptLoop, "citebot-webhook-accept");
    acceptor.setDaemon(true);
    // Jackson builds the deserializers of Update's large object graph on first use (about a
    // second); do it now rather than on the first update.
    json.readValue("{\"update_id\":0}", Update.class);
  }

  void start() {
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("The webhook could not accept a connection: {}", e.toString());
          pause(); // e.g. out of file descriptors: do not spin
        }
        continue;
      }
      long deadline = System.nanoTime() + limits.requestTimeout().toNanos();
      open.add(socket);
      try {
        workers.execute(() -> serve(socket, deadline));
      } catch (RejectedExecutionException e) {
        // Every worker busy and the queue full: say so at once rather than queue without bound.
        // The response is a few bytes, so writing it cannot block on a client that does not read.
        finish(socket, 503, "Retry-After: 1\r\n");
      }
    }
  }

  private void serve(Socket socket, long deadline) {
    int status;
    String extra = "";
    try {
      status = handle(socket, new HttpRequestReader(socket, deadline));
      if (status == 405) {
        extra = "Allow: POST\r\n";
      }
    } catch (HttpRequestReader.Refused e) {
      status = e.status;
    } catch (IOException | RuntimeException e) {
      if (!closed) { // closing ends the reads of slow clients with "Socket closed"
        log.warn("The webhook failed on a request: {}", e.toString());
      }
      status = 0;
    }
    finish(socket, status, extra);
  }

  /** The status of one request; reads the body only once the secret is right. */
  private int handle(Socket socket, HttpRequestReader request)
      throws IOException, HttpRequestReader.Refused {
    HttpRequestReader.Head head = request.head(limits.maxHeadBytes());
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
    if (head.single("Transfer-Encoding") != null) {
      return 411; // Telegram sends a Content-Length; chunked bodies are not worth the parser
    }
    String declared = head.single("Content-Length");
    if (declared == null) {
      return 411;
    }
    if (!declared.matches("\\d{1,10}")) {
      return 400;
    }
    long length = Long.parseLong(declared);
    if (length > limits.maxBodyBytes()) {
      return 413;
    }
    if ("100-continue".equalsIgnoreCase(head.single("Expect"))) {
      // curl and some proxies wait for this before sending a body of more than 1 KB.
      socket.getOutputStream().write(HttpRequestReader.CONTINUE);
    }
    Update update = update(request.body((int) length));
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

  /** Sends {@code status} (0: nothing) and closes; never waits for the client. */
  private void finish(Socket socket, int status, String extraHeaders) {
    try (socket) {
      if (status > 0) {
        OutputStream out = socket.getOutputStream();
        out.write(HttpRequestReader.response(status, extraHeaders));
        out.flush();
        socket.shutdownOutput();
      }
      // Unread bytes at close make the kernel send a reset, which can destroy the response
      // before the client reads it; drop what has already arrived, without waiting for more.
      InputStream in = socket.getInputStream();
      HttpRequestReader.discardAvailable(in, limits.maxBodyBytes());
    } catch (IOException e) {
      // the client went away: nothing to tell it
    } finally {
      open.remove(socket);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      log.warn("Closing the webhook port: {}", e.toString());
    }
    // Updates are queued or refused (503) by now; nothing is lost. Closing the sockets ends
    // reads that are waiting on slow clients.
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    workers.shutdownNow();
  }
}
