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

  /** The folded words of {@code text} in order; the folded field also indexes each glued pair. */
  List<String> foldedWords(String text);

  /** How many passages written in {@code language} contain the folded term. */
  int documentFrequency(String foldedTerm, String language);

  /** Inverse document frequency of a folded term among passages (0 for stop-like terms). */
  double idf(String foldedTerm);
}
