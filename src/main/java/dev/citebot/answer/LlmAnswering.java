package dev.citebot.answer;

import dev.citebot.config.CitebotConfig;
import dev.citebot.retrieve.QueryRewriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * The llm mode, on one model client: the model rewrites and translates the question before
 * retrieval ({@link LlmQueryRewriter}) and answers after it ({@link LlmAnswerer}), falling back to
 * the extractive answerer.
 */
final class LlmAnswering implements Answering {
  private final LlmClient client;
  private final PromptBuilder prompts = new PromptBuilder();
  private final QueryRewriter rewriter;
  private final Duration timeout;
  private final Path corpus;

  LlmAnswering(CitebotConfig config, Set<String> corpusLanguages) {
    this.client = LlmClient.create(config.llm());
    this.timeout = config.llm().timeout();
    this.corpus = config.corpus();
    this.rewriter = new LlmQueryRewriter(client, prompts, corpusLanguages, timeout);
  }

  @Override
  public QueryRewriter queryRewriter() {
    return rewriter;
  }

  @Override
  public Answerer answerer(Answerer extractive) {
    return new LlmAnswerer(client, prompts, extractive, timeout, corpus);
  }

  @Override
  public void close() {
    client.close();
  }
}
