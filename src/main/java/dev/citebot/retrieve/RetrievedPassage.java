package dev.citebot.retrieve;

import dev.citebot.index.IndexedPassage;

/**
 * A passage found for a question.
 *
 * @param score fused reciprocal-rank score scaled to 0..1 (1 = first in every ranking)
 * @param rank 0-based position in the fused ranking
 */
public record RetrievedPassage(IndexedPassage indexed, double score, int rank) {}
