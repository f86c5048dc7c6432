package dev.citebot.rank;

/**
 * Scores a candidate sentence for a question, as LangChain4j's {@code ScoringModel} scores a
 * segment: higher is better; only the order among one question's candidates matters.
 */
@FunctionalInterface
public interface SentenceScorer {
  double score(SentenceFeatures features);
}
