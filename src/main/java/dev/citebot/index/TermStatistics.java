package dev.citebot.index;

import java.util.List;

/**
 * What the ranker reads of the index besides passages: the terms a text matches by and how common
 * they are. Kept apart from search so that any engine that can count documents can answer it, and
 * so that ranking code can depend on nothing more.
 */
public interface TermStatistics {
  /** {@link #terms} and {@link #idf} with this language use the language-neutral folded field. */
  String ANY_LANGUAGE = "";

  /**
   * The terms by which passages written in {@code language} match {@code text}: the words (stemmed
   * where the language has a stemmer) and word pairs of that language's field, or of the folded
   * field for {@link #ANY_LANGUAGE} and languages without a field. Glue words are left out.
   */
  List<IndexTerm> terms(String text, String language);

  /** How many passages written in {@code language} contain the folded term. */
  int documentFrequency(String foldedTerm, String language);

  /** BM25 inverse document frequency of a {@link #terms} term among the passages it applies to. */
  double idf(String term, String language);

  /**
   * How many passages hold a {@link #terms} term, in the field {@link #terms} reads for language.
   */
  int passagesWith(String term, String language);

  /**
   * Says that {@link #idf} and {@link #passagesWith} of these terms come next: an engine across the
   * network counts them all in one request instead of one each. Nothing for a local index.
   */
  default void prefetch(List<IndexTerm> terms, String language) {}

  /** BM25's idf, as Lucene computes it: log(1 + (N - df + 0.5) / (df + 0.5)), never negative. */
  static double bm25Idf(long passages, long withTerm) {
    long n = Math.max(1, passages);
    return Math.log(1 + (n - withTerm + 0.5) / (withTerm + 0.5));
  }
}
