package dev.citebot.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;

/**
 * {@link IndexSink} into a Lucene directory: one {@link IndexWriter}, one commit. A file's manifest
 * document and its passages are replaced in one {@code updateDocuments} call, so they change
 * together.
 */
final class LuceneSink implements IndexSink {
  private final IndexWriter writer;

  /**
   * @param incremental whether {@code directory} holds the base index to update (else it is written
   *     from nothing)
   */
  LuceneSink(Directory directory, boolean incremental) throws IOException {
    IndexWriterConfig iwc = new IndexWriterConfig(Analyzers.perField());
    iwc.setOpenMode(
        incremental ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE);
    this.writer = new IndexWriter(directory, iwc);
  }

  @Override
  public void replace(ArticleRecord article, List<PassageRecord> passages) throws IOException {
    List<Document> docs = new ArrayList<>(passages.size() + 1);
    docs.add(manifestDocument(article));
    for (PassageRecord p : passages) {
      docs.add(passageDocument(p));
    }
    writer.updateDocuments(new Term(Fields.FILE, article.file()), docs);
  }

  @Override
  public void delete(String file) throws IOException {
    writer.deleteDocuments(new Term(Fields.FILE, file));
  }

  @Override
  public void commit(Map<String, String> schema) throws IOException {
    writer.setLiveCommitData(schema.entrySet());
    writer.commit();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  /** What a committed index holds: its schema stamp and manifest documents. */
  static IndexManifest manifest(DirectoryReader r) throws IOException {
    Map<String, IndexedFile> out = new HashMap<>();
    IndexSearcher s = new IndexSearcher(r);
    TermQuery q = new TermQuery(new Term(Fields.TYPE, Fields.ARTICLE));
    for (ScoreDoc sd : s.search(q, Math.max(1, r.maxDoc())).scoreDocs) {
      Document d = s.storedFields().document(sd.doc);
      out.put(
          d.get(Fields.FILE),
          new IndexedFile(
              String.valueOf(d.get(Fields.HASH)),
              d.getField(Fields.SIZE).numericValue().longValue(),
              d.getField(Fields.MODIFIED).numericValue().longValue(),
              d.get(Fields.SKIPPED) != null));
    }
    return new IndexManifest(Map.copyOf(r.getIndexCommit().getUserData()), out);
  }

  /**
   * A file's manifest document: what it is, its id and file (the key a refresh replaces it by), the
   * size and time that tell whether it changed, and what {@code sources} lists.
   */
  private static Document manifestDocument(ArticleRecord a) {
    Document d = new Document();
    d.add(new StringField(Fields.TYPE, Fields.ARTICLE, Field.Store.NO));
    d.add(new StringField(Fields.ID, a.file(), Field.Store.YES));
    d.add(new StringField(Fields.FILE, a.file(), Field.Store.YES));
    d.add(new StoredField(Fields.SIZE, a.size()));
    d.add(new StoredField(Fields.MODIFIED, a.modified()));
    d.add(new StoredField(Fields.HASH, a.hash()));
    if (a.skipped() != null) {
      d.add(new StoredField(Fields.SKIPPED, a.skipped()));
      return d;
    }
    d.add(new StoredField(Fields.TITLE, a.title()));
    d.add(new StringField(Fields.LANGUAGE, a.language(), Field.Store.YES));
    d.add(new StoredField(Fields.DATE, a.date()));
    d.add(new StoredField(Fields.URL, a.url()));
    d.add(new StoredField(Fields.PASSAGES, a.passages()));
    return d;
  }

  private static Document passageDocument(PassageRecord p) throws IOException {
    Document d = new Document();
    d.add(new StringField(Fields.TYPE, Fields.PASSAGE, Field.Store.NO));
    d.add(new StringField(Fields.ID, p.id(), Field.Store.YES));
    d.add(new StringField(Fields.FILE, p.passage().file(), Field.Store.YES));
    d.add(new StoredField(Fields.ORDINAL, p.passage().ordinal()));
    d.add(new StoredField(Fields.TITLE, p.title()));
    // Indexed, so "does any Vietnamese passage use this word?" is one count.
    d.add(new StringField(Fields.LANGUAGE, p.language(), Field.Store.YES));
    d.add(new StoredField(Fields.URL, p.url()));
    d.add(new StoredField(Fields.SENTENCES, SentenceCodec.encode(p.passage().sentences())));
    String text = p.passage().text();
    d.add(new TextField(Fields.FOLDED, text, Field.Store.NO));
    d.add(new TextField(Fields.TITLE_FOLDED, p.title(), Field.Store.NO));
    String languageField = Fields.languageField(p.language());
    if (languageField != null) {
      d.add(new TextField(languageField, text, Field.Store.NO));
    }
    if (p.vector() != null) {
      d.add(
          new KnnFloatVectorField(Fields.VECTOR, p.vector(), VectorSimilarityFunction.DOT_PRODUCT));
    }
    return d;
  }
}
