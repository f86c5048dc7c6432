package dev.citebot.retrieve;

import dev.langchain4j.data.message.ChatMessage;
import java.util.List;
import java.util.Set;

/**
 * What retrieval gets for one question.
 *
 * @param question the user's question, cleaned
 * @param standalone the question made standalone without a model (follow-up context added)
 * @param language ISO code of the question's language
 * @param history the conversation so far, for a rewriter that reads it
 * @param onTopic files a follow-up most likely refers to (see {@link HybridRetriever#search(String,
 *     String, int, Set)}), or none
 */
public record RetrievalRequest(
    String question,
    String standalone,
    String language,
    List<ChatMessage> history,
    Set<String> onTopic) {
  public RetrievalRequest {
    history = List.copyOf(history);
    onTopic = Set.copyOf(onTopic);
  }
}
