package dev.citebot.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.retrieve.QueryRewriter;
import dev.citebot.retrieve.RetrievalRequest;
import dev.citebot.retrieve.SearchQuery;
import dev.langchain4j.data.message.ChatMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Before retrieval in llm mode: one model call turns a follow-up into a standalone question (from
 * the conversation's memory) and translates it into the other languages of the corpus, so an
 * English question also searches the Vietnamese articles in Vietnamese. When the model fails or
 * answers nonsense, the heuristic standalone question of {@link FollowUpRewriter} is used and
 * nothing is translated.
 */
final class LlmQueryRewriter implements QueryRewriter {
  private static final Logger log = LoggerFactory.getLogger(LlmQueryRewriter.class);

  /** Longest rewritten or translated question accepted from the model. */
  static final int MAX_QUERY_CHARS = 1000;

  /** Share of {@code llm.timeout} the rewrite may use; the answer gets the rest. */
  private static final double REWRITE_SHARE = 0.4;

  private final LlmClient client;
  private final PromptBuilder prompts;
  private final Set<String> corpusLanguages;
  private final Duration budget;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * @param corpusLanguages languages of the articles; the question is translated into the others
   */
  LlmQueryRewriter(
      LlmClient client, PromptBuilder prompts, Set<String> corpusLanguages, Duration timeout) {
    this.client = client;
    this.prompts = prompts;
    this.corpusLanguages = Set.copyOf(corpusLanguages);
    this.budget = Duration.ofMillis(Math.max(1, (long) (timeout.toMillis() * REWRITE_SHARE)));
  }

  /**
   * The question made standalone by the model (else the heuristic {@link
   * RetrievalRequest#standalone}), then its translations into the other corpus languages.
   */
  @Override
  public List<SearchQuery> rewrite(RetrievalRequest request) {
    String question = request.question();
    String language = request.language();
    List<ChatMessage> history = request.history();
    SearchQuery heuristic = new SearchQuery(request.standalone(), language);
    Set<String> targets = new TreeSet<>(corpusLanguages);
    targets.remove(language);
    targets.remove("und");
    if (history.isEmpty() && targets.isEmpty()) {
      return List.of(heuristic);
    }
    String reply;
    try {
      reply =
          client.complete(
              prompts.rewrite(question, language, history, List.copyOf(targets)), budget);
    } catch (LlmClient.LlmException e) {
      log.warn("Query rewriting failed ({}); searching without it.", e.getMessage());
      return List.of(heuristic);
    }
    JsonNode node = parse(reply);
    if (node == null) {
      log.info("Query rewriting gave no JSON object; searching without it.");
      return List.of(heuristic);
    }
    String standalone = usable(node.path("standalone"));
    // Without history the question already stands alone: search it exactly as asked.
    if (history.isEmpty() || standalone == null) {
      standalone = history.isEmpty() ? question : request.standalone();
    }
    List<SearchQuery> searches = new ArrayList<>();
    searches.add(new SearchQuery(standalone, language));
    for (String t : targets) {
      String text = usable(node.path("translations").path(t));
      if (text != null && !text.equals(standalone)) {
        searches.add(new SearchQuery(text, t));
      }
    }
    return searches;
  }

  /** The first JSON object in the reply (models like to wrap it in ``` fences), or null. */
  private JsonNode parse(String reply) {
    int from = reply.indexOf('{');
    int to = reply.lastIndexOf('}');
    if (from < 0 || to <= from) {
      return null;
    }
    try {
      JsonNode node = json.readTree(reply.substring(from, to + 1));
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String usable(JsonNode node) {
    if (!node.isTextual()) {
      return null;
    }
    String text = node.asText().replaceAll("\\s+", " ").strip();
    return text.isEmpty() || text.length() > MAX_QUERY_CHARS ? null : text;
  }
}
