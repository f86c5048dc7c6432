package dev.citebot.answer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.ChatMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
final class LlmQueryRewriter {
  private static final Logger log = LoggerFactory.getLogger(LlmQueryRewriter.class);

  /** Longest rewritten or translated question accepted from the model. */
  static final int MAX_QUERY_CHARS = 1000;

  private final LlmClient client;
  private final PromptBuilder prompts;
  private final ObjectMapper json = new ObjectMapper();

  LlmQueryRewriter(LlmClient client, PromptBuilder prompts) {
    this.client = client;
    this.prompts = prompts;
  }

  /**
   * What to search for.
   *
   * @param standalone the question made standalone (in the question's language)
   * @param translations the standalone question in other corpus languages, by language code
   */
  record Rewritten(String standalone, Map<String, String> translations) {
    Rewritten {
      translations = Map.copyOf(translations);
    }
  }

  /**
   * @param heuristic the question made standalone without a model, used when the model fails
   * @param corpusLanguages languages of the articles; the question is translated into the others
   */
  Rewritten rewrite(
      String question,
      String heuristic,
      String language,
      List<ChatMessage> history,
      Set<String> corpusLanguages,
      Duration budget) {
    Set<String> targets = new TreeSet<>(corpusLanguages);
    targets.remove(language);
    targets.remove("und");
    if (history.isEmpty() && targets.isEmpty()) {
      return new Rewritten(question, Map.of());
    }
    String reply;
    try {
      reply =
          client.complete(
              prompts.rewrite(question, language, history, List.copyOf(targets)), budget);
    } catch (LlmClient.LlmException e) {
      log.warn("Query rewriting failed ({}); searching without it.", e.getMessage());
      return new Rewritten(heuristic, Map.of());
    }
    JsonNode node = parse(reply);
    if (node == null) {
      log.info("Query rewriting gave no JSON object; searching without it.");
      return new Rewritten(heuristic, Map.of());
    }
    String standalone = usable(node.path("standalone"));
    // Without history the question already stands alone: search it exactly as asked.
    if (history.isEmpty() || standalone == null) {
      standalone = history.isEmpty() ? question : heuristic;
    }
    Map<String, String> translations = new LinkedHashMap<>();
    for (String t : targets) {
      String text = usable(node.path("translations").path(t));
      if (text != null && !text.equals(standalone)) {
        translations.put(t, text);
      }
    }
    return new Rewritten(standalone, translations);
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
