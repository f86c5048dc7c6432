package dev.citebot.solr;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process behind {@code bench/solrcloud}: a local 2-node SolrCloud ({@link LocalSolrCloud})
 * with its state under DIR/cluster. Writes DIR/urls ("SOLR_URLS=..."), then obeys files dropped in
 * DIR: {@code stop-node-N} stops node N (1-based) and answers with {@code node-N.stopped}; {@code
 * stop} stops everything and ends the process.
 */
public final class SolrCloudMain {
  private static final int NODES = 2;

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: SolrCloudMain DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    Path state = dir.resolve("cluster");
    if (Files.exists(state)) {
      try (var walk = Files.walk(state)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    try (LocalSolrCloud cloud = LocalSolrCloud.start(NODES, state)) {
      Files.writeString(
          dir.resolve("urls.tmp"),
          "SOLR_URLS=" + String.join(",", cloud.urls()) + "\n",
          StandardCharsets.UTF_8);
      Files.move(
          dir.resolve("urls.tmp"),
          dir.resolve("urls"),
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      while (!Files.exists(dir.resolve("stop"))) {
        for (int n = 1; n <= NODES; n++) {
          Path request = dir.resolve("stop-node-" + n);
          if (Files.exists(request)) {
            cloud.stopNode(n - 1);
            Files.delete(request);
            Files.writeString(dir.resolve("node-" + n + ".stopped"), "");
          }
        }
        Thread.sleep(200);
      }
    }
    Files.deleteIfExists(dir.resolve("stop"));
    Files.deleteIfExists(dir.resolve("urls"));
  }

  private SolrCloudMain() {}
}
