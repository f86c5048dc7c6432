package dev.citebot.solr;

import dev.citebot.index.Hashes;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the Solr collection holds beyond the fields of the local index (see schema.xml in {@code
 * solr/citebot/conf}): the document key that routes a file's documents together, and the meta
 * document with the schema stamp and the stamp of the last write.
 */
final class SolrFields {
  /** Solr's unique key: a hash of the file, '!', then the passage number or "article". */
  static final String KEY = "key";

  static final String META = "meta";
  static final String META_KEY = "citebot!meta";

  /** The schema stamp the collection was written with, "name=value" lines. */
  static final String SCHEMA = "schema";

  /** A new random value at every write: what tells readers the collection changed. */
  static final String STAMP = "stamp";

  private SolrFields() {}

  /**
   * The key of a document of {@code file}. The compositeId router hashes what comes before '!', so
   * every document of a file lands on the same shard and is replaced in that shard's commit.
   */
  static String key(String file, String suffix) {
    return Hashes.sha256(file).substring(0, 16) + "!" + suffix;
  }

  static String encodeSchema(Map<String, String> schema) {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(schema).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }

  static Map<String, String> decodeSchema(String text) {
    Map<String, String> out = new TreeMap<>();
    for (String line : text == null ? new String[0] : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return Map.copyOf(out);
  }
}
