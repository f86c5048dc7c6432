package dev.citebot.answer;

import dev.citebot.config.CitebotConfig;
import dev.citebot.retrieve.QueryRewriter;
import java.util.Set;

/**
 * What {@code answer.mode} puts into the pipeline: the query-rewriting step before retrieval and
 * the answerer after it. The extractive answerer of the index in use is always there: it answers in
 * extractive mode and whenever the model cannot in llm mode.
 */
public interface Answering extends AutoCloseable {
  QueryRewriter queryRewriter();

  /** The answerer over an index's {@code extractive} answerer. */
  Answerer answerer(Answerer extractive);

  /** Frees what the mode holds (the model client's connections). */
  @Override
  void close();

  /**
   * The configured mode.
   *
   * @param corpusLanguages languages of the articles: llm mode translates questions into them
   */
  static Answering of(CitebotConfig config, Set<String> corpusLanguages) {
    return switch (config.answer().mode()) {
      case EXTRACTIVE -> new ExtractiveAnswering();
      case LLM -> new LlmAnswering(config, corpusLanguages);
    };
  }
}
