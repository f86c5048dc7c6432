package dev.citebot.solr;

import dev.citebot.config.CitebotConfig;
import dev.citebot.index.Hashes;
import dev.citebot.index.IndexUnavailableException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.impl.CloudHttp2SolrClient;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.request.ConfigSetAdminRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.ContentStreamBase;

/**
 * A connection to a SolrCloud cluster by the base URLs of its nodes (no ZooKeeper on the client),
 * and the collections citebot keeps there, created with the configset in the jar when missing.
 */
public final class SolrCluster implements AutoCloseable {
  /** The configset in the jar, uploaded as it is: solrconfig.xml and schema.xml. */
  private static final List<String> CONF_FILES = List.of("solrconfig.xml", "schema.xml");

  private static final long READY_TIMEOUT_MS = 120_000;

  private final CloudHttp2SolrClient client;
  private final CitebotConfig.Solr config;

  private SolrCluster(CloudHttp2SolrClient client, CitebotConfig.Solr config) {
    this.client = client;
    this.config = config;
  }

  public static SolrCluster connect(CitebotConfig.Solr config) {
    // SolrJ logs a warning with a stack trace for each node it cannot reach; the user gets one
    // sentence from citebot instead.
    String solrjLog = "org.slf4j.simpleLogger.log.org.apache.solr.client";
    if (System.getProperty(solrjLog) == null) {
      System.setProperty(solrjLog, "error");
    }
    CloudHttp2SolrClient client =
        new CloudHttp2SolrClient.Builder(config.urls())
            .withInternalClientBuilder(
                new Http2SolrClient.Builder()
                    .withConnectionTimeout(5, TimeUnit.SECONDS)
                    .withIdleTimeout(60, TimeUnit.SECONDS))
            .build();
    return new SolrCluster(client, config);
  }

  SolrClient client() {
    return client;
  }

  CitebotConfig.Solr config() {
    return config;
  }

  /**
   * Creates {@code collection} with citebot's configset, {@code shards} shards and the configured
   * replicas unless it exists, and waits until it answers.
   */
  void ensureCollection(String collection, int shards) throws IOException {
    try {
      if (CollectionAdminRequest.listCollections(client).contains(collection)) {
        return;
      }
      String configSet = uploadConfigSet();
      try {
        CollectionAdminRequest.createCollection(collection, configSet, shards, config.replicas())
            .process(client);
      } catch (SolrException e) {
        if (!CollectionAdminRequest.listCollections(client).contains(collection)) {
          throw e; // not another citebot creating it at the same moment
        }
      }
      waitUntilReady(collection);
    } catch (IndexUnavailableException e) {
      throw e;
    } catch (SolrServerException | IOException | RuntimeException e) {
      if (e instanceof RuntimeException r && !SolrFailures.isUnavailable(r)) {
        if (!(r instanceof SolrException)) {
          throw r;
        }
        throw new IOException(
            "Solr refused to create the collection %s: %s."
                .formatted(collection, SolrFailures.brief(e)),
            e);
      }
      throw SolrFailures.unavailable(config.urls(), collection, e);
    }
  }

  /**
   * Uploads the configset unless one of its name is there; the name carries a hash of the files, so
   * a citebot with another schema uploads its own beside the old one.
   */
  private String uploadConfigSet() throws SolrServerException, IOException {
    byte[] zip = configSetZip();
    String name =
        "citebot-" + Hashes.sha256(new String(zip, StandardCharsets.ISO_8859_1)).substring(0, 12);
    List<String> existing = new ConfigSetAdminRequest.List().process(client).getConfigSets();
    if (!existing.contains(name)) {
      new ConfigSetAdminRequest.Upload()
          .setConfigSetName(name)
          .setUploadStream(
              new ContentStreamBase.ByteArrayStream(zip, "citebot.zip", "application/zip"))
          .process(client);
    }
    return name;
  }

  /** The configset files, zipped in a fixed order with fixed times: the same bytes every time. */
  static byte[] configSetZip() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (String file : CONF_FILES) {
        try (InputStream in = SolrCluster.class.getResourceAsStream("/solr/citebot/conf/" + file)) {
          if (in == null) {
            throw new IllegalStateException(
                "solr/citebot/conf/" + file + " is missing from the jar");
          }
          ZipEntry entry = new ZipEntry(file);
          entry.setTime(0);
          zip.putNextEntry(entry);
          in.transferTo(zip);
          zip.closeEntry();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A new collection's replicas take a moment to load: ask until every shard answers. */
  private void waitUntilReady(String collection) throws IOException {
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (true) {
      try {
        client.query(collection, new SolrQuery("*:*").setRows(0));
        return;
      } catch (SolrServerException | IOException | RuntimeException e) {
        if (e instanceof RuntimeException r && !SolrFailures.isUnavailable(r)) {
          throw r;
        }
        if (System.currentTimeMillis() > deadline) {
          throw SolrFailures.unavailable(config.urls(), collection, e);
        }
        try {
          Thread.sleep(250);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while waiting for " + collection, interrupted);
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    client.close();
  }
}
