package dev.citebot.answer;

import dev.citebot.retrieve.RetrievedPassage;
import java.util.List;

/**
 * Everything an {@link Answerer} gets.
 *
 * @param question the user's question, cleaned
 * @param standalone the question with follow-up context added (what was searched)
 * @param language ISO code of the question's language
 * @param passages retrieved passages, best first
 * @param conversation earlier turns of the same conversation
 */
public record AnswerRequest(
    String question,
    String standalone,
    String language,
    List<RetrievedPassage> passages,
    Conversation conversation) {
  public AnswerRequest {
    passages = List.copyOf(passages);
  }
}
