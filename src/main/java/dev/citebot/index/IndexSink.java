package dev.citebot.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Where {@link CorpusIndexer} writes: an engine's index being updated. Nothing written is seen by
 * readers before {@link #commit}, and a file's entry and passages are replaced together.
 */
public interface IndexSink extends Closeable {
  /** Puts {@code article} and its passages in place of whatever the index held of its file. */
  void replace(ArticleRecord article, List<PassageRecord> passages) throws IOException;

  /** Drops every entry and passage of {@code file}. */
  void delete(String file) throws IOException;

  /** Makes every change visible at once, stamped with {@code schema}. */
  void commit(Map<String, String> schema) throws IOException;
}
