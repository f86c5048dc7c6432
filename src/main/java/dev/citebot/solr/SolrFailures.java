package dev.citebot.solr;

import dev.citebot.index.IndexUnavailableException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.solr.common.SolrException;

/**
 * Turns what SolrJ throws when the cluster cannot serve a request (nodes down, no live replica of a
 * shard, timeouts) into one sentence for the user.
 */
final class SolrFailures {
  private SolrFailures() {}

  /** Whether {@code e} says the cluster (or a shard of it) cannot serve now, not a bad request. */
  static boolean isUnavailable(Exception e) {
    if (e instanceof SolrException s) {
      return s.code() >= 500 || s.code() <= 0; // 4xx: a request citebot got wrong, a bug
    }
    // SolrJ says "Failed fetching live_nodes from [...]" with a bare RuntimeException.
    return !(e instanceof RuntimeException) || e.getClass() == RuntimeException.class;
  }

  static IndexUnavailableException unavailable(List<String> urls, String collection, Exception e) {
    return new IndexUnavailableException(
        "The Solr cluster at %s cannot serve the collection %s now (%s); check that its nodes run and that solr.urls names them."
            .formatted(String.join(",", urls), collection, brief(e)),
        e);
  }

  /** For read paths whose interface throws no checked exception. */
  static UncheckedIOException unchecked(List<String> urls, String collection, Exception e) {
    return new UncheckedIOException(unavailable(urls, collection, e));
  }

  /** The first line of the innermost message, short. */
  static String brief(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.lines().findFirst().orElse("").strip();
    if (m.startsWith("Failed fetching live_nodes")) {
      return "no node answered"; // SolrJ's words go on to list the URLs again
    }
    if (m.endsWith(".")) {
      m = m.substring(0, m.length() - 1);
    }
    return m.length() > 160 ? m.substring(0, 157) + "..." : m;
  }
}
