package dev.citebot.index;

import java.io.Closeable;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The narrow seam between retrieval and the engine holding the passages: search by text (per
 * language or folded) or vector, fetch passages by id, and the {@link TermStatistics} the ranker
 * reads. A Lucene index on disk implements it on one machine, a SolrCloud collection ({@code
 * dev.citebot.solr}) across many.
 */
public interface PassageIndex extends TermStatistics, Closeable {
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

  /**
   * The SHA-256 (hex) of {@code file} as it was when indexed, or empty when it is not an article of
   * this index: what citations from this index quote.
   */
  Optional<String> contentHash(String file);

  /**
   * Which state of the index this reads (a generation folder, a stamp of the collection's last
   * write): two opens with the same version answer alike.
   */
  String version();
}
