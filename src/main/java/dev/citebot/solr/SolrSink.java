package dev.citebot.solr;

import dev.citebot.index.ArticleRecord;
import dev.citebot.index.Fields;
import dev.citebot.index.IndexSink;
import dev.citebot.index.PassageRecord;
import dev.citebot.index.SentenceCodec;
import dev.citebot.index.TermAnalysis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;

/**
 * {@link IndexSink} into a SolrCloud collection. Documents go in batches; readers see nothing until
 * {@link #commit} (the configset's auto-commit never opens a searcher), and every document of a
 * file lives on one shard (see {@link SolrFields#key}), so a file is seen all old or all new.
 */
final class SolrSink implements IndexSink {
  private static final int BATCH = 500;

  private final SolrClient client;
  private final String collection;
  private final List<String> urls;
  private final Set<String> known;
  private final List<SolrInputDocument> pending = new ArrayList<>();
  private String stamp;

  /**
   * @param known the files the collection holds now (their documents are deleted before new ones
   *     are added); with {@code fresh}, everything in the collection is dropped first
   */
  SolrSink(
      SolrClient client, String collection, List<String> urls, Set<String> known, boolean fresh)
      throws IOException {
    this.client = client;
    this.collection = collection;
    this.urls = urls;
    this.known = known;
    if (fresh) {
      send(new UpdateRequest().deleteByQuery("*:*"));
    }
  }

  @Override
  public void replace(ArticleRecord article, List<PassageRecord> passages) throws IOException {
    if (known.contains(article.file())) {
      delete(article.file()); // before the adds, in its own request: Solr keeps request order
    }
    // A file's documents go in one request, its manifest entry last: whatever of it reaches the
    // index before a crash, the entry that says "indexed" never comes without its passages.
    if (pending.size() + passages.size() + 1 > BATCH) {
      flush();
    }
    for (PassageRecord p : passages) {
      pending.add(passageDocument(p));
    }
    pending.add(articleDocument(article));
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  @Override
  public void delete(String file) throws IOException {
    send(new UpdateRequest().deleteByQuery("{!term f=" + Fields.FILE + "}" + file));
  }

  @Override
  public void commit(Map<String, String> schema) throws IOException {
    stamp = UUID.randomUUID().toString();
    SolrInputDocument meta = new SolrInputDocument();
    meta.setField(SolrFields.KEY, SolrFields.META_KEY);
    meta.setField(Fields.TYPE, SolrFields.META);
    meta.setField(SolrFields.SCHEMA, SolrFields.encodeSchema(schema));
    meta.setField(SolrFields.STAMP, stamp);
    pending.add(meta);
    flush();
    try {
      client.commit(collection, true, true);
    } catch (SolrServerException | RuntimeException e) {
      throw failure(e);
    }
  }

  /** The stamp of the committed state; null before {@link #commit}. */
  String stamp() {
    return stamp;
  }

  private void flush() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    UpdateRequest add = new UpdateRequest();
    add.add(new ArrayList<>(pending));
    pending.clear();
    send(add);
  }

  private void send(UpdateRequest request) throws IOException {
    try {
      request.process(client, collection);
    } catch (SolrServerException | RuntimeException e) {
      throw failure(e);
    }
  }

  private IOException failure(Exception e) {
    if (e instanceof RuntimeException r && !SolrFailures.isUnavailable(r)) {
      if (!(r instanceof SolrException)) {
        throw r; // a bug of ours, not Solr's answer
      }
      return new IOException("Solr refused an update: " + SolrFailures.brief(e), e);
    }
    return SolrFailures.unavailable(urls, collection, e);
  }

  @Override
  public void close() {
    pending.clear(); // uncommitted: a failed refresh leaves nothing to send
  }

  private static SolrInputDocument articleDocument(ArticleRecord a) {
    SolrInputDocument d = new SolrInputDocument();
    d.setField(SolrFields.KEY, SolrFields.key(a.file(), Fields.ARTICLE));
    d.setField(Fields.TYPE, Fields.ARTICLE);
    d.setField(Fields.ID, a.file());
    d.setField(Fields.FILE, a.file());
    d.setField(Fields.SIZE, a.size());
    d.setField(Fields.MODIFIED, a.modified());
    d.setField(Fields.HASH, a.hash());
    if (a.skipped() != null) {
      d.setField(Fields.SKIPPED, a.skipped());
      return d;
    }
    d.setField(Fields.TITLE, a.title());
    d.setField(Fields.LANGUAGE, a.language());
    d.setField(Fields.DATE, a.date());
    d.setField(Fields.URL, a.url());
    d.setField(Fields.PASSAGES, a.passages());
    return d;
  }

  private static SolrInputDocument passageDocument(PassageRecord p) {
    SolrInputDocument d = new SolrInputDocument();
    String file = p.passage().file();
    d.setField(SolrFields.KEY, SolrFields.key(file, String.valueOf(p.passage().ordinal())));
    d.setField(Fields.TYPE, Fields.PASSAGE);
    d.setField(Fields.ID, p.id());
    d.setField(Fields.FILE, file);
    d.setField(Fields.ORDINAL, p.passage().ordinal());
    d.setField(Fields.TITLE, p.title());
    d.setField(Fields.LANGUAGE, p.language());
    d.setField(Fields.URL, p.url());
    d.setField(Fields.SENTENCES, SentenceCodec.toBytes(p.passage().sentences()));
    String text = p.passage().text();
    d.setField(Fields.FOLDED, text);
    d.setField(Fields.TITLE_FOLDED, p.title());
    String languageField = TermAnalysis.languageField(p.language());
    if (languageField != null) {
      d.setField(languageField, text);
    }
    if (p.vector() != null) {
      List<Float> vector = new ArrayList<>(p.vector().length);
      for (float f : p.vector()) {
        vector.add(f);
      }
      d.setField(Fields.VECTOR, vector);
    }
    return d;
  }
}
