package dev.citebot.answer;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * The HTTP client under LangChain4j's OpenAI models (java.net.http), with two things the stock
 * {@code JdkHttpClient} of LangChain4j 1.19 lacks:
 *
 * <ul>
 *   <li><b>Cancellation.</b> Every request belongs to a {@link Call}; cancelling it aborts the
 *       request or closes the response stream, so the server sees the connection closed. The stock
 *       client only stops a stream from inside a handler callback (the {@code StreamingHandle} of a
 *       partial response), which never runs when the server sends nothing more; JDK 17's HttpClient
 *       has no close either. A reply that outlives its time budget must not keep its connection.
 *   <li><b>A size limit.</b> A complete (non-streamed) reply is read up to {@code maxBodyBytes}; a
 *       longer one is abandoned with {@link ReplyTooLongException} instead of being buffered whole.
 * </ul>
 *
 * Requests find their call through {@link Scope}: LangChain4j makes the HTTP request on the thread
 * that called the model, so the thread's current call is the one the request belongs to.
 */
final class CancellableHttpClient implements HttpClient {
  /** Error bodies are read up to this size, for the log message. */
  private static final int MAX_ERROR_BODY = 16 * 1024;

  private final java.net.http.HttpClient http;
  private final Duration readTimeout;
  private final long maxBodyBytes;
  private final Scope scope;
  private final Executor streams;

  private CancellableHttpClient(Builder b) {
    java.net.http.HttpClient.Builder http = java.net.http.HttpClient.newBuilder();
    if (b.connectTimeout != null) {
      http.connectTimeout(b.connectTimeout);
    }
    this.http = http.build();
    this.readTimeout = b.readTimeout;
    this.maxBodyBytes = b.maxBodyBytes;
    this.scope = b.scope;
    this.streams = b.streams;
  }

  /**
   * A builder for LangChain4j's {@code httpClientBuilder(..)}.
   *
   * @param streams runs the reading of response streams (threads that cancelling interrupts)
   */
  static Builder builder(Scope scope, long maxBodyBytes, Executor streams) {
    return new Builder(scope, maxBodyBytes, streams);
  }

  @Override
  public SuccessfulHttpResponse execute(HttpRequest request) {
    Call call = scope.current();
    CompletableFuture<HttpResponse<byte[]>> sent =
        http.sendAsync(jdk(request), info -> new CappedBody(maxBodyBytes));
    call.onCancel(() -> sent.cancel(true));
    HttpResponse<byte[]> response;
    try {
      response = sent.get();
    } catch (InterruptedException e) {
      sent.cancel(true);
      Thread.currentThread().interrupt();
      throw new CancelledException();
    } catch (java.util.concurrent.CancellationException e) {
      throw new CancelledException();
    } catch (ExecutionException e) {
      throw unwrap(e.getCause());
    }
    if (response.statusCode() < 200 || response.statusCode() >= 300) {
      throw new HttpException(
          response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
    }
    return SuccessfulHttpResponse.builder()
        .statusCode(response.statusCode())
        .headers(response.headers().map())
        .body(response.body())
        .build();
  }

  @Override
  public void execute(
      HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
    Call call = scope.current();
    CompletableFuture<HttpResponse<InputStream>> sent =
        http.sendAsync(jdk(request), HttpResponse.BodyHandlers.ofInputStream());
    call.onCancel(() -> sent.cancel(true));
    sent.thenAcceptAsync(
            response -> {
              Thread reader = Thread.currentThread();
              InputStream in = response.body();
              boolean[] reading = {true};
              // Closing the stream cancels the HTTP exchange (the connection is closed); the
              // interrupt frees this thread if it is blocked waiting for the next bytes.
              call.onCancel(
                  () -> {
                    closeQuietly(in);
                    synchronized (reading) {
                      if (reading[0]) {
                        reader.interrupt();
                      }
                    }
                  });
              try (in) {
                if (response.statusCode() < 200 || response.statusCode() >= 300) {
                  byte[] body = in.readNBytes(MAX_ERROR_BODY);
                  listener.onError(
                      new HttpException(
                          response.statusCode(), new String(body, StandardCharsets.UTF_8)));
                  return;
                }
                listener.onOpen(
                    SuccessfulHttpResponse.builder()
                        .statusCode(response.statusCode())
                        .headers(response.headers().map())
                        .build());
                parser.parse(in, listener);
                listener.onClose();
              } catch (IOException | RuntimeException e) {
                listener.onError(call.isCancelled() ? new CancelledException() : e);
              } finally {
                synchronized (reading) {
                  reading[0] = false; // this pool thread goes on to other work: not to interrupt
                }
              }
            },
            streams)
        .exceptionally(
            error -> {
              listener.onError(unwrap(error));
              return null;
            });
  }

  private java.net.http.HttpRequest jdk(HttpRequest request) {
    java.net.http.HttpRequest.Builder b =
        java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
    request.headers().forEach((name, values) -> values.forEach(v -> b.header(name, v)));
    b.method(
        request.method().name(),
        request.body() == null
            ? java.net.http.HttpRequest.BodyPublishers.noBody()
            : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
    if (readTimeout != null) {
      b.timeout(readTimeout);
    }
    return b.build();
  }

  private static RuntimeException unwrap(Throwable error) {
    Throwable e = error;
    while ((e instanceof java.util.concurrent.CompletionException
            || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof HttpTimeoutException) {
      return new TimeoutException(e);
    }
    if (e instanceof java.util.concurrent.CancellationException) {
      return new CancelledException();
    }
    return e instanceof RuntimeException r ? r : new RuntimeException(e);
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      // closing is all we wanted
    }
  }

  /** Which call the current thread's requests belong to. */
  static final class Scope {
    private final ThreadLocal<Call> current = new ThreadLocal<>();

    /** Runs {@code action}; the requests it makes belong to {@code call}. */
    <T> T run(Call call, Supplier<T> action) {
      Call before = current.get();
      current.set(call);
      try {
        return action.get();
      } finally {
        current.set(before);
      }
    }

    /** The current thread's call; a request made outside {@link #run} gets one of its own. */
    Call current() {
      Call c = current.get();
      return c != null ? c : new Call();
    }
  }

  /** One model call's requests: cancelling it aborts them, now and when they start later. */
  static final class Call {
    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    /** Runs {@code action} when the call is cancelled (at once if it already is). */
    void onCancel(Runnable action) {
      synchronized (this) {
        if (!cancelled) {
          onCancel.add(action);
          return;
        }
      }
      action.run();
    }

    void cancel() {
      List<Runnable> actions;
      synchronized (this) {
        if (cancelled) {
          return;
        }
        cancelled = true;
        actions = List.copyOf(onCancel);
        onCancel.clear();
      }
      actions.forEach(Runnable::run);
    }

    synchronized boolean isCancelled() {
      return cancelled;
    }
  }

  /** The reply was abandoned because its call was cancelled. */
  static final class CancelledException extends RuntimeException {
    CancelledException() {
      super("cancelled");
    }
  }

  /** A reply longer than the model's token limit allows was abandoned. */
  static final class ReplyTooLongException extends RuntimeException {
    ReplyTooLongException(long max) {
      super("a reply longer than " + max + " bytes");
    }
  }

  /** Collects a body up to {@code max} bytes; past that it stops reading and fails. */
  private static final class CappedBody implements BodySubscriber<byte[]> {
    private final long max;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(long max) {
      this.max = max;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (body.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        if (buffer.size() + (long) b.remaining() > max) {
          subscription.cancel();
          body.completeExceptionally(new ReplyTooLongException(max));
          return;
        }
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        buffer.write(bytes, 0, bytes.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      body.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      body.complete(buffer.toByteArray());
    }
  }

  /** Takes the timeouts LangChain4j sets from the model's {@code timeout(..)}. */
  static final class Builder implements HttpClientBuilder {
    private final Scope scope;
    private final long maxBodyBytes;
    private final Executor streams;
    private Duration connectTimeout;
    private Duration readTimeout;

    private Builder(Scope scope, long maxBodyBytes, Executor streams) {
      this.scope = scope;
      this.maxBodyBytes = maxBodyBytes;
      this.streams = streams;
    }

    @Override
    public Duration connectTimeout() {
      return connectTimeout;
    }

    @Override
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    @Override
    public Duration readTimeout() {
      return readTimeout;
    }

    @Override
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = timeout;
      return this;
    }

    @Override
    public CancellableHttpClient build() {
      return new CancellableHttpClient(this);
    }
  }
}
