package dev.citebot.answer;

import dev.citebot.retrieve.RetrievedPassage;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Everything an {@link Answerer} gets.
 *
 * @param question the user's question, cleaned
 * @param standalone the question with follow-up context added (what was searched)
 * @param language ISO code of the question's language
 * @param passages retrieved passages, best first
 * @param conversation earlier turns of the same conversation
 * @param askedNanos {@link System#nanoTime()} when the question came in: time limits count from it
 * @param partialText receives an answer's text while it is generated (llm mode), before it is
 *     checked: the returned answer is what stands
 */
public record AnswerRequest(
    String question,
    String standalone,
    String language,
    List<RetrievedPassage> passages,
    Conversation conversation,
    long askedNanos,
    Consumer<String> partialText) {
  /** Text as it is generated goes nowhere. */
  public static final Consumer<String> NO_PARTIAL_TEXT = text -> {};

  public AnswerRequest {
    passages = List.copyOf(passages);
    Objects.requireNonNull(partialText, "partialText");
  }

  /** A request asked now, its partial text going nowhere. */
  public AnswerRequest(
      String question,
      String standalone,
      String language,
      List<RetrievedPassage> passages,
      Conversation conversation) {
    this(
        question, standalone, language, passages, conversation, System.nanoTime(), NO_PARTIAL_TEXT);
  }

  /** Whether someone reads the text while it is generated. */
  public boolean streamed() {
    return partialText != NO_PARTIAL_TEXT;
  }
}
