package dev.citebot.http;

import dev.citebot.concurrent.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server on blocking sockets where every request has a deadline and size limits:
 * one request per connection, a head of bounded size, a body of a declared and bounded
 * Content-Length, a bounded number of connections served at once and waiting. The Telegram webhook
 * and the HTTP API ({@code citebot serve}) both run on it.
 *
 * <p>Why not the JDK's HttpServer: it reads a request head on a worker thread with no time limit,
 * and none of its system properties (JDK 17: {@code sun.net.httpserver.maxReqTime}, {@code
 * maxRspTime}, {@code idleInterval}, {@code maxReqHeaders}, ...) bounds a head that stops half way,
 * nor the draining of a declared body it never gets; four such sockets stopped it. Those properties
 * are also global to the JVM and read once.
 */
public final class BoundedHttpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BoundedHttpServer.class);

  /**
   * Bounds on what clients may cost.
   *
   * @param workers connections served at once (a stalled one holds a worker until its deadline)
   * @param queue connections accepted beyond that and waiting; more get 503 at once
   * @param requestTimeout from accepting a connection to having read the whole request
   * @param responseTimeout from having read the head to having written the response: a client that
   *     does not read what it asked for (writes block once the socket buffers are full) is
   *     disconnected when it passes, and so is a handler that takes too long
   * @param maxHeadBytes request line and headers
   * @param maxBodyBytes the largest declared Content-Length read; larger ones get 413 unread
   */
  public record Limits(
      int workers,
      int queue,
      Duration requestTimeout,
      Duration responseTimeout,
      int maxHeadBytes,
      int maxBodyBytes) {
    public Limits withResponseTimeout(Duration timeout) {
      return new Limits(workers, queue, requestTimeout, timeout, maxHeadBytes, maxBodyBytes);
    }
  }

  /** Serves one request: responds through the exchange, or throws to refuse it. */
  @FunctionalInterface
  public interface Handler {
    void handle(Exchange exchange) throws IOException, HttpRequestReader.Refused;
  }

  /** The complete response (head and body) that refuses a request with {@code status}. */
  @FunctionalInterface
  public interface Refusals {
    byte[] response(int status, String why);
  }

  private final String name;
  private final ServerSocket server;
  private final ThreadPoolExecutor workers;
  private final Thread acceptor;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  /** Closes connections that outlive their deadline; a blocked write then fails at once. */
  private final ScheduledThreadPoolExecutor watchdog;

  private final Limits limits;
  private final Handler handler;
  private final Refusals refusals;
  private volatile boolean closed;

  /**
   * Binds {@code address} (not yet serving: see {@link #start}).
   *
   * @param name what the server is, for thread names and log lines ("webhook", "serve")
   */
  public BoundedHttpServer(
      String name, InetSocketAddress address, Limits limits, Handler handler, Refusals refusals)
      throws IOException {
    this.name = name;
    this.limits = limits;
    this.handler = handler;
    this.refusals = refusals;
    this.server = new ServerSocket();
    try {
      server.setReuseAddress(true); // a restart must not wait for TIME_WAIT sockets
      server.bind(address, 64);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    this.workers =
        new ThreadPoolExecutor(
            limits.workers(),
            limits.workers(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(limits.queue()),
            DaemonThreads.numbered("citebot-" + name));
    this.acceptor = DaemonThreads.daemon(this::acceptLoop, "citebot-" + name + "-accept");
    this.watchdog =
        new ScheduledThreadPoolExecutor(1, DaemonThreads.named("citebot-" + name + "-watchdog"));
    watchdog.setRemoveOnCancelPolicy(true); // most connections end long before their deadline
  }

  public void start() {
    acceptor.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          log.warn("The {} server could not accept a connection: {}", name, e.toString());
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
        finish(socket, refusals.response(503, "every worker is busy"));
      }
    }
  }

  private void serve(Socket socket, long deadline) {
    byte[] refusal = null;
    Exchange exchange = null;
    ScheduledFuture<?> cut = null;
    try {
      HttpRequestReader reader = new HttpRequestReader(socket, deadline);
      HttpRequestReader.Head head = reader.head(limits.maxHeadBytes());
      cut =
          watchdog.schedule(
              () -> closeQuietly(socket), limits.responseTimeout().toNanos(), TimeUnit.NANOSECONDS);
      exchange = new Exchange(socket, reader, head, limits.maxBodyBytes());
      handler.handle(exchange);
      if (!exchange.responded()) {
        refusal = refusals.response(500, "the request was not answered");
      }
    } catch (HttpRequestReader.Refused e) {
      if (e.status > 0 && (exchange == null || !exchange.responded())) {
        refusal = refusals.response(e.status, e.getMessage());
      }
    } catch (IOException | RuntimeException e) {
      if (!closed) { // closing ends the reads of slow clients with "Socket closed"
        log.warn("The {} server failed on a request: {}", name, e.toString());
      }
      if (e instanceof RuntimeException && exchange != null && !exchange.responded()) {
        refusal = refusals.response(500, "the server failed");
      }
    }
    if (cut != null) {
      cut.cancel(false);
    }
    finish(socket, refusal);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  /** Sends {@code response} (null: nothing more) and closes; never waits for the client. */
  private void finish(Socket socket, byte[] response) {
    try (socket) {
      OutputStream out = socket.getOutputStream();
      if (response != null) {
        out.write(response);
      }
      out.flush();
      socket.shutdownOutput();
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
      log.warn("Closing the {} port: {}", name, e.toString());
    }
    // Closing the sockets ends reads that are waiting on slow clients.
    for (Socket s : open) {
      closeQuietly(s);
    }
    workers.shutdownNow();
    watchdog.shutdownNow();
  }
}
