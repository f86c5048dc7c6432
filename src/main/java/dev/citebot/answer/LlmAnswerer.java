package dev.citebot.answer;

import dev.citebot.retrieve.QueryTranslator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers through a language model (any OpenAI-compatible API) and shows the model's text only
 * after {@link CitationChecker} accepted it. Whatever goes wrong (the model is down, slow, rate
 * limited, cites passages it was not given or nothing at all, or no claim is supported by the
 * passage it cites) the user gets the extractive answer instead, within the configured timeout: the
 * timeout bounds the model calls and the check together, and the reply is read and checked only as
 * far as {@code llm.max-tokens} allows. The log says why; the user is not told.
 *
 * <p>The timeout counts from when the question came in ({@link AnswerRequest#askedNanos}): it
 * includes the model's query rewrite ({@link LlmQueryRewriter}), which comes before retrieval.
 */
final class LlmAnswerer implements Answerer {
  private static final Logger log = LoggerFactory.getLogger(LlmAnswerer.class);

  private final LlmClient client;
  private final Answerer fallback;
  private final Duration timeout;
  private final PromptBuilder prompts;
  private final CitationChecker checker;

  /**
   * @param fallback answers when the model cannot (the extractive answerer)
   * @param corpus the corpus folder, where cited lines are read to check claims
   */
  LlmAnswerer(
      LlmClient client, PromptBuilder prompts, Answerer fallback, Duration timeout, Path corpus) {
    this.client = Objects.requireNonNull(client, "client");
    this.prompts = Objects.requireNonNull(prompts, "prompts");
    this.fallback = Objects.requireNonNull(fallback, "fallback");
    this.timeout = timeout;
    this.checker =
        new CitationChecker(file -> CorpusText.of(corpus, file), QueryTranslator.bundled());
  }

  /**
   * Answers within {@code llm.timeout} of when the question came in. When the request is {@link
   * AnswerRequest#streamed}, its partial text gets the model's text as it is generated, with the
   * markers already renumbered as the checked answer will have them.
   */
  @Override
  public Answer answer(AnswerRequest request) {
    long deadlineNanos = request.askedNanos() + timeout.toNanos();
    if (request.passages().isEmpty()) {
      return fallback.answer(request); // nothing to cite: no need to ask the model
    }
    Duration budget = Duration.ofNanos(deadlineNanos - System.nanoTime());
    if (budget.toMillis() < 1) {
      log.warn("No time left for the model; answered extractively.");
      return fallback.answer(request);
    }
    String raw;
    try {
      if (!request.streamed()) {
        raw = client.complete(prompts.answer(request), budget);
      } else {
        Markers.Stream shown = new Markers.Stream(request.passages().size(), request.partialText());
        raw = client.stream(prompts.answer(request), budget, shown::accept);
        shown.finish();
      }
    } catch (LlmClient.LlmException e) {
      log.warn("The model gave no answer ({}); answered extractively.", e.getMessage());
      return fallback.answer(request);
    }
    String reply = ReplyLimit.cut(raw, client.maxReplyChars());
    CitationChecker.Result result = checker.check(reply, request, deadlineNanos);
    if (result instanceof CitationChecker.Accepted ok) {
      return new Answer(
          request.question(),
          ok.text(),
          request.language(),
          true,
          ok.citations(),
          "llm",
          Answer.Timings.NONE);
    }
    if (result instanceof CitationChecker.NotAnswered) {
      return Answer.notInArticles(request.question(), request.language(), "llm");
    }
    log.info(
        "The model's answer was not shown: {}; answered extractively.",
        ((CitationChecker.Rejected) result).reason());
    return fallback.answer(request);
  }
}
