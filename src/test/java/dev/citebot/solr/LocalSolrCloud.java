package dev.citebot.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * A real SolrCloud of Jetty nodes and an embedded ZooKeeper in this JVM (Solr's {@link
 * MiniSolrCloudCluster}). citebot's analyzers are on this JVM's class path, which is what the
 * plugin jar gives a real node. Used by the tests (one shared cluster per run, {@link #shared}) and
 * by {@code bench/solrcloud}.
 */
public final class LocalSolrCloud implements AutoCloseable {
  private static LocalSolrCloud shared;

  /** Jersey (under Solr's admin API) logs through java.util.logging; held so it stays set. */
  private static final java.util.logging.Logger JERSEY =
      java.util.logging.Logger.getLogger("org.glassfish.jersey");

  private final MiniSolrCloudCluster cluster;

  /** The nodes in start order; the cluster's own list drops a node while it is stopped. */
  private final List<JettySolrRunner> nodes;

  private LocalSolrCloud(MiniSolrCloudCluster cluster) {
    this.cluster = cluster;
    this.nodes = List.copyOf(cluster.getJettySolrRunners());
  }

  /** Starts {@code nodes} nodes keeping their state under {@code dir}. */
  public static LocalSolrCloud start(int nodes, Path dir) throws Exception {
    Files.createDirectories(dir);
    JERSEY.setLevel(java.util.logging.Level.SEVERE);
    // Solr's test framework reads these; outside its own runner nobody sets them.
    System.setProperty("solr.log.dir", dir.resolve("logs").toString());
    System.setProperty("java.security.egd", "file:/dev/./urandom");
    System.setProperty("solr.disable.allowUrls", "true");
    System.setProperty("solr.disableDefaultJmxReporter", "true");
    return new LocalSolrCloud(
        new MiniSolrCloudCluster.Builder(nodes, dir).withTraceIdGenerationDisabled().build());
  }

  /**
   * The one cluster of this test run (2 nodes), started by the first test that needs it and stopped
   * when the JVM exits: starting one takes seconds, so test classes share it.
   */
  public static synchronized LocalSolrCloud shared() throws Exception {
    if (shared == null) {
      Path dir = Files.createTempDirectory("citebot-solrcloud");
      LocalSolrCloud cloud = start(2, dir);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      cloud.close();
                    } catch (Exception e) {
                      // the JVM is going away anyway
                    }
                  }));
      shared = cloud;
    }
    return shared;
  }

  /** The base URLs of the running nodes (http://127.0.0.1:port/solr). */
  public List<String> urls() {
    return nodes.stream()
        .filter(JettySolrRunner::isRunning)
        .map(j -> j.getBaseUrl().toString())
        .toList();
  }

  public int nodes() {
    return nodes.size();
  }

  /** Stops node {@code index} (0-based); its port stays reserved for {@link #restartNode}. */
  public void stopNode(int index) throws Exception {
    JettySolrRunner jetty = nodes.get(index);
    if (jetty.isRunning()) {
      cluster.stopJettySolrRunner(jetty);
    }
  }

  /** Starts a stopped node again on its old port and waits until it is live. */
  public void restartNode(int index) throws Exception {
    JettySolrRunner jetty = nodes.get(index);
    if (!jetty.isRunning()) {
      cluster.startJettySolrRunner(jetty, true);
      cluster.waitForNode(jetty, 60);
    }
  }

  /** Waits until every replica of every collection is active (after a node came back). */
  public void waitForAllActive() {
    var state = cluster.getSolrClient().getClusterState();
    state.forEachCollection(
        c ->
            waitForActive(
                c.getName(), c.getSlices().size(), c.getReplicas().size() / c.getSlices().size()));
  }

  /** Waits until {@code collection} has every replica active again. */
  public void waitForActive(String collection, int shards, int replicas) {
    cluster.waitForActiveCollection(
        collection, 60, java.util.concurrent.TimeUnit.SECONDS, shards, shards * replicas);
  }

  @Override
  public void close() throws Exception {
    cluster.shutdown();
  }
}
