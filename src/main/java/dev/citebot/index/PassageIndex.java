package dev.citebot.index;

import java.io.Closeable;
import java.util.List;
import java.util.Set;

/**
 * The narrow seam between retrieval and the engine holding the passages: search by text (per
 * language or folded) or vector, fetch passages by id. Lucene implements it on one machine; a
 * distributed engine with the same analysis chain could implement it too.
 */
public interface PassageIndex extends Closeable {
  /** BM25 over the passages written in {@code language}; empty for languages without a field. */
  List<Hit> searchLanguage(String text, String language, int k);

  /**
   * BM25 over the language-neutral folded text and titles of all passages, or only of the passages
   * of {@code files} when that is not empty. Glue words of any language are left out.
   */
  List<Hit> searchFolded(String text, int k, Set<String> files);

  /** Nearest passages by embedding; empty when the index has no vectors. */
  List<Hit> searchVector(float[] vector, int k);

  boolean hasVectors();

  List<IndexedPassage> fetch(List<String> ids);

  /** Every article in file order. */
  List<ArticleInfo> articles();

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
}
