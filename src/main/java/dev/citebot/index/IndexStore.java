package dev.citebot.index;

import java.io.IOException;

/**
 * Where the index of a corpus lives and how it is kept up to date: the write side of {@link
 * PassageIndex}. {@link CorpusIndex} keeps it in a folder on this machine; the solr backend in a
 * SolrCloud collection.
 */
public interface IndexStore extends AutoCloseable {
  /**
   * The outcome of an update.
   *
   * @param version the state to read, for {@link #open}
   * @param failure why the corpus could not be indexed (the last complete index is used), or null
   */
  record Update(String version, String failure) {}

  /**
   * Brings the index up to date with the corpus (or with {@code rebuild}, indexes every file
   * again).
   *
   * @param verify check the index for damage as well, where the engine can
   * @throws IOException when there is no complete index and none can be built now
   */
  Update update(boolean rebuild, boolean verify) throws IOException;

  /** Opens {@code version} (from {@link #update}) for reading. */
  PassageIndex open(String version) throws IOException;

  /** Releases what the store holds (connections); indexes it opened are closed on their own. */
  @Override
  default void close() throws IOException {}
}
