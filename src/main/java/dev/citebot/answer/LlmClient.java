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
 * LangChain4j, with every call bounded in time: a call that has not finished within its budget is
 * abandoned and reported as an {@link LlmException}, whatever the HTTP client is still doing.
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

  private final ChatModel chat;
  private final StreamingChatModel streaming;
  private final String apiKey;
  private final ExecutorService calls;

  LlmClient(ChatModel chat, StreamingChatModel streaming, String apiKey) {
    this.chat = chat;
    this.streaming = streaming;
    this.apiKey = apiKey == null ? "" : apiKey;
    AtomicInteger n = new AtomicInteger();
    this.calls =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "citebot-llm-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** The client for the configured endpoint, model, timeout, temperature and token limit. */
  static LlmClient create(CitebotConfig.Llm llm) {
    String key = llm.apiKey().isBlank() ? NO_KEY : llm.apiKey();
    ChatModel chat =
        OpenAiChatModel.builder()
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
    StreamingChatModel streaming =
        OpenAiStreamingChatModel.builder()
            .baseUrl(llm.baseUrl())
            .apiKey(key)
            .modelName(llm.model())
            .timeout(llm.timeout())
            .temperature(llm.temperature())
            .maxTokens(llm.maxTokens())
            .logRequests(false)
            .logResponses(false)
            .build();
    return new LlmClient(chat, streaming, llm.apiKey());
  }

  /** The model's reply to {@code messages}, within {@code budget}. */
  String complete(List<ChatMessage> messages, Duration budget) throws LlmException {
    ChatRequest request = ChatRequest.builder().messages(messages).build();
    Future<ChatResponse> call = calls.submit(() -> chat.chat(request));
    try {
      return text(call.get(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new LlmException("no reply within " + budget.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted");
    }
  }

  /**
   * The model's reply to {@code messages}, generated as a stream: each piece goes to {@code
   * onPartial} as it arrives, until the reply is complete or {@code budget} runs out (after which
   * nothing more is passed on).
   */
  String stream(List<ChatMessage> messages, Duration budget, Consumer<String> onPartial)
      throws LlmException {
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    Object gate = new Object();
    boolean[] open = {true};
    ChatRequest request = ChatRequest.builder().messages(messages).build();
    try {
      streaming.chat(
          request,
          new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String piece) {
              synchronized (gate) {
                if (open[0] && !done.isDone()) {
                  onPartial.accept(piece);
                }
              }
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
              done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
              done.completeExceptionally(error);
            }
          });
      return text(done.get(Math.max(1, budget.toMillis()), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      throw new LlmException("no complete reply within " + budget.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw failure(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException("interrupted");
    } catch (RuntimeException e) {
      throw failure(e);
    } finally {
      synchronized (gate) {
        open[0] = false;
      }
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
    } else {
      what = error == null ? "an unknown error" : error.getClass().getSimpleName();
    }
    String detail = error == null ? null : error.getMessage();
    return new LlmException(detail == null ? what : what + ": " + scrub(detail));
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
