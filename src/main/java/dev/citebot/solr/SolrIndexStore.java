package dev.citebot.solr;

import dev.citebot.answer.TurnStore;
import dev.citebot.config.CitebotConfig;
import dev.citebot.index.CorpusIndexer;
import dev.citebot.index.Fields;
import dev.citebot.index.IndexManifest;
import dev.citebot.index.IndexStore;
import dev.citebot.index.IndexUnavailableException;
import dev.citebot.index.IndexedFile;
import dev.citebot.index.PassageEmbedder;
import dev.citebot.index.PassageIndex;
import dev.citebot.ingest.ArticleReader;
import dev.citebot.ingest.CorpusFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.params.CommonParams;
import org.apache.solr.common.params.ModifiableSolrParams;

/**
 * The index of a corpus in a SolrCloud collection ({@code solr.collection}): one collection holds
 * one corpus. An update compares the corpus with the collection's manifest entries, as the local
 * index does, writes only what changed and commits once; every citebot reading the collection sees
 * the new state then, and tells it by the new stamp of the meta document.
 */
public final class SolrIndexStore implements IndexStore {
  private final SolrCluster cluster;
  private final String collection;
  private final Path corpus;
  private final CorpusIndexer indexer;
  private final Consumer<String> console;

  private SolrIndexStore(
      SolrCluster cluster,
      String collection,
      Path corpus,
      CorpusIndexer indexer,
      Consumer<String> console) {
    this.cluster = cluster;
    this.collection = collection;
    this.corpus = corpus;
    this.indexer = indexer;
    this.console = console;
  }

  /**
   * Connects to the configured cluster and creates the collection when it is missing.
   *
   * @throws FileNotFoundException when the corpus folder does not exist or is not a folder
   * @throws IndexUnavailableException when no node answers
   */
  public static SolrIndexStore open(
      CitebotConfig config,
      ArticleReader reader,
      PassageEmbedder embedder,
      Consumer<String> console)
      throws IOException {
    CorpusFiles.requireFolder(config.corpus());
    SolrCluster cluster = SolrCluster.connect(config.solr());
    try {
      String collection = config.solr().collection();
      cluster.ensureCollection(collection, config.solr().shards());
      return new SolrIndexStore(
          cluster,
          collection,
          config.corpus(),
          new CorpusIndexer(reader, embedder, console),
          console);
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** What the collection holds: its meta document, or null when it was never written. */
  private record Meta(Map<String, String> schema, String stamp) {}

  @Override
  public Update update(boolean rebuild, boolean verify) throws IOException {
    Meta meta = meta();
    IndexManifest base = meta == null ? null : new IndexManifest(meta.schema(), manifest());
    CorpusIndexer.Plan plan = indexer.plan(corpus, base, rebuild);
    if (meta != null && plan.upToDate() && !rebuild) {
      return new Update(meta.stamp(), null);
    }
    CorpusIndexer.Stats stats;
    String stamp;
    try (SolrSink sink =
        new SolrSink(
            cluster.client(),
            collection,
            urls(),
            plan.incremental() ? plan.seen().keySet() : Set.of(),
            !plan.incremental())) {
      stats = indexer.write(corpus, plan, sink);
      stamp = sink.stamp();
    } catch (IOException e) {
      if (meta == null || Thread.currentThread().isInterrupted()) {
        throw e;
      }
      String failure =
          "Could not write the new index of %s to Solr (%s); the last complete index is used."
              .formatted(corpus, SolrFailures.brief(e));
      console.accept(failure);
      return new Update(meta.stamp(), failure);
    }
    if (stats.touched() || rebuild) {
      console.accept(stats.summary(corpus));
    }
    return new Update(stamp, null);
  }

  @Override
  public PassageIndex open(String version) {
    Meta meta;
    try {
      meta = meta();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    boolean vectors = meta != null && "true".equals(meta.schema().get("vectors"));
    return new SolrPassageIndex(cluster.client(), collection, urls(), version, vectors);
  }

  private List<String> urls() {
    return cluster.config().urls();
  }

  private Meta meta() throws IOException {
    ModifiableSolrParams p = new ModifiableSolrParams();
    p.set(CommonParams.Q, "{!term f=" + Fields.TYPE + "}" + SolrFields.META);
    p.set(CommonParams.ROWS, 1);
    try {
      List<SolrDocument> docs = cluster.client().query(collection, p).getResults();
      if (docs.isEmpty()) {
        return null;
      }
      SolrDocument d = docs.get(0);
      return new Meta(
          SolrFields.decodeSchema((String) d.getFieldValue(SolrFields.SCHEMA)),
          (String) d.getFieldValue(SolrFields.STAMP));
    } catch (SolrServerException | IOException | RuntimeException e) {
      if (e instanceof RuntimeException r && !SolrFailures.isUnavailable(r)) {
        throw r;
      }
      throw SolrFailures.unavailable(urls(), collection, e);
    }
  }

  /** The manifest entries of the collection, by file. */
  private Map<String, IndexedFile> manifest() throws IOException {
    Map<String, IndexedFile> out = new HashMap<>();
    try (SolrPassageIndex reader =
        new SolrPassageIndex(cluster.client(), collection, urls(), "", false)) {
      reader.eachArticle(
          d ->
              out.put(
                  (String) d.getFieldValue(Fields.FILE),
                  new IndexedFile(
                      String.valueOf(d.getFieldValue(Fields.HASH)),
                      ((Number) d.getFieldValue(Fields.SIZE)).longValue(),
                      ((Number) d.getFieldValue(Fields.MODIFIED)).longValue(),
                      d.getFieldValue(Fields.SKIPPED) != null)));
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return out;
  }

  /**
   * The conversation turns of every bot on this collection, in {@code <collection>_turns} (one
   * shard, as many replicas as the passages), created when missing.
   */
  public TurnStore turns() throws IOException {
    String turns = collection + "_turns";
    cluster.ensureCollection(turns, 1);
    return new SolrTurnStore(cluster.client(), turns, urls());
  }

  @Override
  public void close() throws IOException {
    cluster.close();
  }
}
