package dev.citebot.answer;

import dev.citebot.config.CitebotConfig;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * One OpenAI-compatible chat endpoint (OpenAI, Ollama's /v1, vLLM, llama.cpp, LM Studio) through
 * LangChain4j, with every call bounded in time and size: a call that has not finished within its
 * budget is reported as an {@link LlmException} and its HTTP request is cancelled (the connection
 * closed, see {@link CancellableHttpClient}); a reply is read only as far as {@code llm.max-tokens}
 * allows ({@link #maxReplyChars}).
 *
 * <p>The API key is never logged: request logging stays off, LangChain4j's own retries (whose
 * warnings print the raw error body) are off, and error messages are scrubbed of the key before
 * anyone sees them.
 */
final class LlmClient implements AutoCloseable {
  /** Sent when no key is configured: local servers ignore it, and the client needs some value. */
  static final String NO_KEY = "no-key";

  private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;()]+");
  private static final Pattern SK = Pattern.compile("\\bsk-[A-Za-z0-9_\\-]{6,}");
  private static final int MAX_MESSAGE = 300;

  /**
   * Characters one token may stand for, generously: about 4 in English, fewer in Vietnamese. A
   * server that honours max_tokens never sends more than max-tokens times this.
   */
  static final int CHARS_PER_TOKEN = 8;

  /**
   * Bytes of a complete JSON reply per character allowed: a character takes at most 6 bytes escaped
   * (\\uXXXX), and four times that leaves room for a server that overshoots a little (its reply is
   * then cut, see LlmAnswerer); past it the reply is not read at all.
   */
  private static final int BODY_BYTES_PER_CHAR = 24;

  /** Room for the JSON around the reply's text (id, usage, fingerprints). */
  private static final int BODY_ENVELOPE_BYTES = 64 * 1024;

  private final ChatModel chat;
  private final StreamingChatModel streaming;
  private final String apiKey;
  private final int maxReplyChars;
  private final CancellableHttpClient.Scope scope;
  private final ExecutorService calls;

  private LlmClient(CitebotConfig.Llm llm) {
    this.apiKey = llm.apiKey() == null ? "" : llm.apiKey();
    this.maxReplyChars =
        (int) Math.min(Integer.MAX_VALUE / 64, (long) llm.maxTokens() * CHARS_PER_TOKEN);
    this.scope = new CancellableHttpClient.Scope();
    AtomicInteger n = new AtomicInteger();
    this.calls =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "citebot-llm-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    String key = apiKey.isBlank() ? NO_KEY : apiKey;
    long maxBody = (long) maxReplyChars * BODY_BYTES_PER_CHAR + BODY_ENVELOPE_BYTES;
    this.chat =
        OpenAiChatModel.builder()
            .httpClientBuilder(CancellableHttpClient.builder(scope, maxBody, calls))
            .baseUrl(llm.baseUrl())
            .apiKey(key)
            .modelName(llm.model())
            .timeout(llm.timeout())
            .temperature(llm.temperature())
            .maxTokens(llm.maxTokens())
            .maxRetries(0)
            .logRequests(false)
            .logResponses(false)
            .build();
    this.streaming =
        OpenAiStreamingChatModel.builder()
            .httpClientBuilder(CancellableHttpClient.builder(scope, maxBody, calls))
            .baseUrl(llm.baseUrl())
            .apiKey(key)
            .modelName(llm.model())
            .timeout(llm.timeout())
            .temperature(llm.temperature())
            .maxTokens(llm.maxTokens())
            .logRequests(false)
            .logResponses(false)
            .build();
  }

  /** The client for the configured endpoint, model, timeout, temperature and token limit. */
  static LlmClient create(CitebotConfig.Llm llm) {
    return new LlmClient(llm);
  }

  /**
   * The longest reply text read, in characters: {@code llm.max-tokens} × {@link #CHARS_PER_TOKEN}.
   */
  int maxReplyChars() {
    return maxReplyChars;
  }

  /** The model's reply to {@code messages}, within {@code budget}. */
  String complete(List<ChatMessage> messages, Duration budget) throws LlmException {
    ChatRequest request = ChatRequest.builder().messages(messages).build();
    CancellableHttpClient.Call http = new CancellableHttpClient.Call();
    Future<ChatResponse> call = calls.submit(() -> scope.run(http, () -> chat.chat(request)));
    try {
      return text(call.get(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      throw new LlmException("no reply within " + budget.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted");
    } finally {
      http.cancel(); // closes the connection of a request still running; nothing once it is done
      call.cancel(true);
    }
  }

  /**
   * The model's reply to {@code messages}, generated as a stream: each piece goes to {@code
   * onPartial} as it arrives, until the reply is complete, reaches {@link #maxReplyChars} (the text
   * so far is the reply), or {@code budget} runs out. Whatever ends it, the HTTP stream is closed
   * before this returns, and nothing more is passed on.
   */
  String stream(List<ChatMessage> messages, Duration budget, Consumer<String> onPartial)
      throws LlmException {
    CompletableFuture<String> done = new CompletableFuture<>();
    StringBuilder received = new StringBuilder();
    ChatRequest request = ChatRequest.builder().messages(messages).build();
    CancellableHttpClient.Call http = new CancellableHttpClient.Call();
    try {
      scope.run(
          http,
          () -> {
            streaming.chat(
                request,
                new StreamingChatResponseHandler() {
                  @Override
                  public void onPartialResponse(String piece) {
                    synchronized (received) {
                      if (done.isDone() || piece == null) {
                        return;
                      }
                      int room = maxReplyChars - received.length();
                      String kept = piece.length() > room ? piece.substring(0, room) : piece;
                      received.append(kept);
                      onPartial.accept(kept);
                      if (received.length() >= maxReplyChars) {
                        done.complete(received.toString()); // enough: stop reading
                        http.cancel();
                      }
                    }
                  }

                  @Override
                  public void onCompleteResponse(ChatResponse response) {
                    try {
                      done.complete(text(response));
                    } catch (LlmException e) {
                      done.completeExceptionally(e);
                    }
                  }

                  @Override
                  public void onError(Throwable error) {
                    done.completeExceptionally(error);
                  }
                });
            return null;
          });
      String reply = done.get(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS);
      return reply.length() > maxReplyChars ? reply.substring(0, maxReplyChars) : reply;
    } catch (TimeoutException e) {
      throw new LlmException("no complete reply within " + budget.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof LlmException l ? l : failure(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted");
    } catch (RuntimeException e) {
      throw failure(e);
    } finally {
      synchronized (received) {
        done.complete(""); // no more pieces pass once this returns
      }
      http.cancel();
    }
  }

  private static String text(ChatResponse response) throws LlmException {
    String text =
        response == null || response.aiMessage() == null ? null : response.aiMessage().text();
    if (text == null || text.isBlank()) {
      throw new LlmException("an empty reply");
    }
    return text;
  }

  /** A failure described in one line a log may hold: what happened, never the key. */
  private LlmException failure(Throwable error) {
    String what;
    if (error instanceof RateLimitException) {
      what = "rate limited (HTTP 429)";
    } else if (error instanceof AuthenticationException) {
      what = "refused the API key (HTTP 401/403)";
    } else if (error instanceof InternalServerException) {
      what = "a server error (HTTP 5xx)";
    } else if (error instanceof ModelNotFoundException) {
      what = "no such model or URL (HTTP 404)";
    } else if (error instanceof HttpException h) {
      what = "HTTP " + h.statusCode();
    } else if (error instanceof dev.langchain4j.exception.TimeoutException) {
      what = "a timeout";
    } else if (causedBy(error, CancellableHttpClient.ReplyTooLongException.class)) {
      what = "a reply longer than llm.max-tokens allows, not read";
    } else {
      what = error == null ? "an unknown error" : error.getClass().getSimpleName();
    }
    String detail = error == null ? null : error.getMessage();
    return new LlmException(detail == null ? what : what + ": " + scrub(detail));
  }

  private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable e = error; e != null; e = e.getCause() == e ? null : e.getCause()) {
      if (type.isInstance(e)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} without the API key or anything that looks like a bearer token, shortened. */
  String scrub(String text) {
    String s = text;
    if (apiKey.length() >= 4) {
      s = s.replace(apiKey, "***");
    }
    s = BEARER.matcher(s).replaceAll("$1***");
    s = SK.matcher(s).replaceAll("sk-***");
    s = s.replaceAll("\\s+", " ").strip();
    return s.length() > MAX_MESSAGE ? s.substring(0, MAX_MESSAGE) + "…" : s;
  }

  @Override
  public void close() {
    calls.shutdownNow();
  }

  /** The model could not be used for this call; the message is safe to log. */
  static final class LlmException extends Exception {
    LlmException(String message) {
      super(message);
    }
  }
}
