package dev.citebot.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.Citebot;
import dev.citebot.EngineUnavailableException;
import dev.citebot.answer.Answer;
import dev.citebot.answer.AnswerRequest;
import dev.citebot.answer.BadQuestionException;
import dev.citebot.http.Exchange;
import dev.citebot.http.HttpRequestReader;
import dev.citebot.index.IndexDamagedException;
import dev.citebot.render.JsonRenderer;
import dev.citebot.session.ChatSessions;
import dev.citebot.session.RateLimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /api/ask: one question, answered in its conversation by the engine every front end uses. The
 * answer is the record {@code ask --json} prints, plus the conversation's id. The question runs on
 * the conversation's queue in {@link ChatSessions} (turns of one conversation in order, others in
 * parallel); this thread waits for it and writes the response, so nothing else touches the socket.
 */
final class AskEndpoint {
  private static final Logger log = LoggerFactory.getLogger(AskEndpoint.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Citebot engine;
  private final ChatSessions sessions;
  private final RateLimiter limiter;
  private final ConversationIds ids = new ConversationIds();
  private final Duration answerTimeout;

  /** What the question's work hands to the waiting request: text pieces, then an end. */
  private sealed interface Event permits Piece, Done, Failed {}

  private record Piece(String text) implements Event {}

  private record Done(Answer answer) implements Event {}

  private record Failed(RuntimeException error) implements Event {}

  /**
   * @param answerTimeout how long a request waits for its answer (queue and engine); the engine's
   *     own limits (llm.timeout) are shorter
   */
  AskEndpoint(Citebot engine, ChatSessions sessions, RateLimiter limiter, Duration answerTimeout) {
    this.engine = engine;
    this.sessions = sessions;
    this.limiter = limiter;
    this.answerTimeout = answerTimeout;
  }

  void handle(Exchange exchange, boolean stream)
      throws IOException, HttpRequestReader.Refused, ApiRefusal {
    JsonNode body = parse(exchange.body());
    String question = body.get("question").asText();
    RateLimiter.Decision decision = limiter.tryAcquire(ClientKey.of(exchange.client()));
    if (!decision.allowed()) {
      throw new ApiRefusal(
          429,
          "Too many questions from this address; try again in "
              + decision.retryAfterSeconds()
              + " s.",
          decision.retryAfterSeconds());
    }
    long id = ConversationIds.parse(body.path("conversation").asText(null));
    // An id this server does not know starts a new conversation under a new id, unless the
    // conversations are shared: then another replica may have started it.
    if (id == 0 || !(sessions.knows(id) || engine.sharesConversations())) {
      id = ids.next();
    }
    long chat = id;
    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    boolean queued =
        sessions.submit(
            chat,
            () -> {
              try {
                Answer a =
                    engine.ask(
                        sessions.conversation(chat),
                        question,
                        stream
                            ? text -> events.add(new Piece(text))
                            : AnswerRequest.NO_PARTIAL_TEXT);
                events.add(new Done(a));
              } catch (RuntimeException e) {
                events.add(new Failed(e));
              }
            });
    if (!queued) {
      if (!sessions.accepting()) {
        throw new ApiRefusal(503, "The server is shutting down; try again shortly.");
      }
      throw new ApiRefusal(
          429, "This conversation has too many questions waiting; wait for their answers.", 1);
    }
    respond(exchange, stream, ConversationIds.format(chat), events);
  }

  private static JsonNode parse(byte[] body) throws ApiRefusal {
    JsonNode tree;
    try {
      tree = JSON.readTree(body);
    } catch (IOException e) {
      throw new ApiRefusal(400, "The body is not JSON; send {\"question\": \"...\"}.");
    }
    if (tree == null || !tree.isObject()) {
      throw new ApiRefusal(400, "The body must be a JSON object such as {\"question\": \"...\"}.");
    }
    if (!tree.path("question").isTextual()) {
      throw new ApiRefusal(400, "The body needs a \"question\" string.");
    }
    JsonNode conversation = tree.path("conversation");
    if (!conversation.isMissingNode() && !conversation.isNull() && !conversation.isTextual()) {
      throw new ApiRefusal(
          400, "\"conversation\" must be the id string an earlier answer gave, or left out.");
    }
    return tree;
  }

  private void respond(
      Exchange exchange, boolean stream, String conversation, BlockingQueue<Event> events)
      throws IOException, ApiRefusal {
    long deadline = System.nanoTime() + answerTimeout.toNanos();
    OutputStream sse = null;
    while (true) {
      Event event;
      try {
        event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiRefusal(503, "The server is shutting down; try again shortly.");
      }
      if (event == null) {
        ApiRefusal late = new ApiRefusal(503, "The answer took too long; try again.");
        if (sse == null) {
          throw late;
        }
        sendEvent(sse, "error", JsonResponses.error(late.getMessage()));
        return;
      }
      if (event instanceof Piece piece) {
        if (sse == null) {
          sse = startStream(exchange);
        }
        ObjectNode o = JSON.createObjectNode();
        o.put("text", piece.text());
        sendEvent(sse, "text", JsonResponses.bytes(o));
      } else if (event instanceof Done done) {
        ObjectNode record = new JsonRenderer().tree(done.answer());
        record.put("conversation", conversation);
        byte[] json = JsonResponses.bytes(record);
        if (stream) {
          if (sse == null) {
            sse = startStream(exchange);
          }
          sendEvent(sse, "answer", json);
        } else {
          exchange.send(200, JsonResponses.JSON, json, "Cache-Control: no-store\r\n");
        }
        return;
      } else {
        ApiRefusal refusal = refusal(((Failed) event).error());
        if (sse == null) {
          throw refusal;
        }
        sendEvent(sse, "error", JsonResponses.error(refusal.getMessage()));
        return;
      }
    }
  }

  private static ApiRefusal refusal(RuntimeException e) {
    if (e instanceof BadQuestionException) {
      return new ApiRefusal(400, e.getMessage());
    }
    if (e instanceof IndexDamagedException) {
      return new ApiRefusal(503, e.getMessage());
    }
    if (e instanceof EngineUnavailableException) { // the engine answers again when it is back
      log.warn(e.getMessage());
      return new ApiRefusal(503, HttpApi.UNAVAILABLE);
    }
    if (e instanceof UncheckedIOException io) { // the index could not be read (a failing disk)
      log.warn("Reading the index failed: {}", io.getCause().toString());
      return new ApiRefusal(503, "The index could not be read; try again shortly.");
    }
    log.error("Answering a question failed: {}", e.toString());
    return new ApiRefusal(500, "citebot failed on this question.");
  }

  private static OutputStream startStream(Exchange exchange) throws IOException {
    return exchange.stream(200, "text/event-stream; charset=utf-8", "Cache-Control: no-store\r\n");
  }

  /** One server-sent event; JSON has no raw newline, so one data line holds it. */
  private static void sendEvent(OutputStream out, String name, byte[] json) throws IOException {
    out.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8));
    out.write(json);
    out.write("\n\n".getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
