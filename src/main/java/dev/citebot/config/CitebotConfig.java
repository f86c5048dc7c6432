package dev.citebot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Every setting of citebot, read once by {@link ConfigLoader}; see config/citebot.yaml. */
public record CitebotConfig(
    Path corpus,
    Path indexDir,
    Duration indexRefresh,
    String indexBackend,
    Solr solr,
    Ingest ingest,
    Retrieve retrieve,
    Answer answer,
    Llm llm,
    Telegram telegram,
    Chat chat,
    Server server) {

  public CitebotConfig withCorpus(Path newCorpus) {
    return new CitebotConfig(
        newCorpus,
        indexDir,
        indexRefresh,
        indexBackend,
        solr,
        ingest,
        retrieve,
        answer,
        llm,
        telegram,
        chat,
        server);
  }

  /**
   * The HTTP API and web page ({@code citebot serve}).
   *
   * @param apiKey when not empty, every /api request must carry {@code Authorization: Bearer KEY}
   * @param publicUrl where people reach the web page (e.g. https://citebot.example.org); when set,
   *     Telegram answers link each source to the page's article view; empty = no links
   * @param rateLimitPerMinute questions one client (one address) may ask per minute
   */
  public record Server(
      int port, String bind, String apiKey, String publicUrl, int rateLimitPerMinute) {
    @Override
    public String toString() { // never print the key
      return "Server[port=%d, bind=%s, apiKey=%s, publicUrl=%s, rateLimitPerMinute=%d]"
          .formatted(port, bind, apiKey.isEmpty() ? "" : "***", publicUrl, rateLimitPerMinute);
    }
  }

  /** The index lives in a SolrCloud collection instead of a local folder. */
  public boolean solrBackend() {
    return indexBackend.equals("solr");
  }

  /**
   * Where the solr backend keeps the index, and how its collection is laid out when citebot creates
   * it.
   *
   * @param urls base URLs of Solr nodes (http://host:8983/solr); any one that answers will do
   */
  public record Solr(List<String> urls, String collection, int shards, int replicas) {}

  /**
   * @param historyFile where the console chat keeps typed lines; null = keep none
   */
  public record Chat(Path historyFile) {}

  public record Ingest(long maxFileBytes, int passageChars, int passageOverlap) {}

  public record Retrieve(int topK, boolean vectors, int rrfK) {}

  public record Answer(
      AnswerMode mode, int maxChars, String model, int maxQuestionChars, int memoryTurns) {}

  /** {@code answer.mode}: who writes the answer text. */
  public enum AnswerMode {
    /** Quotes of the articles, offline. */
    EXTRACTIVE,
    /** A language model's text, shown only when its claims are checked against the quotes. */
    LLM;

    /** The value as written in the configuration. */
    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public record Llm(
      String baseUrl,
      String model,
      String apiKey,
      Duration timeout,
      double temperature,
      int maxTokens) {
    @Override
    public String toString() { // never print the key
      return "Llm[baseUrl=%s, model=%s, apiKey=%s, timeout=%s, temperature=%s, maxTokens=%d]"
          .formatted(
              baseUrl, model, apiKey.isEmpty() ? "" : "***", timeout, temperature, maxTokens);
    }
  }

  public record Telegram(
      String token,
      String apiUrl,
      Set<Long> allowedChats,
      Set<Long> allowedUsers,
      int rateLimitPerMinute,
      int maxQuestionChars,
      String webhookUrl,
      int webhookPort,
      String webhookSecret,
      String webhookBind) {
    @Override
    public String toString() { // never print the token or the webhook secret
      return ("Telegram[token=%s, apiUrl=%s, allowedChats=%s, allowedUsers=%s,"
              + " rateLimitPerMinute=%d, maxQuestionChars=%d, webhookUrl=%s, webhookPort=%d,"
              + " webhookBind=%s]")
          .formatted(
              token.isEmpty() ? "" : "***",
              apiUrl,
              allowedChats,
              allowedUsers,
              rateLimitPerMinute,
              maxQuestionChars,
              webhookUrl,
              webhookPort,
              webhookBind);
    }
  }
}
