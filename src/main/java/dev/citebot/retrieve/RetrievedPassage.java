package dev.citebot.retrieve;

import dev.citebot.index.IndexedPassage;

/**
 * A passage found for a question.
 *
 * @param score fused reciprocal-rank score scaled to 0..1 (1 = first in every ranking)
 * @param rank 0-based position in the fused ranking
 * @param languageBm25 BM25 score in the question-language ranking as a share of that ranking's best
 *     (0..1; 0 when the passage is not in it)
 * @param foldedBm25 the same for the folded (any-language) ranking
 */
public record RetrievedPassage(
    IndexedPassage indexed, double score, int rank, double languageBm25, double foldedBm25) {

  /** A passage known only by its fused rank (llm mode, tests). */
  public RetrievedPassage(IndexedPassage indexed, double score, int rank) {
    this(indexed, score, rank, 0, 0);
  }
}
