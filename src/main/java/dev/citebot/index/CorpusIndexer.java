package dev.citebot.index;

import dev.citebot.ingest.Article;
import dev.citebot.ingest.ArticleReader;
import dev.citebot.ingest.CorpusFiles;
import dev.citebot.ingest.Passage;
import dev.citebot.ingest.UnreadableFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
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
 * Brings the index of one corpus folder up to date with the files on disk: new and changed files
 * are (re)ingested, deleted ones dropped, unchanged ones skipped by size and time (and content hash
 * when the time moved). Each file's documents are replaced in one atomic block and commits happen
 * every few hundred files, so a crash leaves the last commit intact and the next run resumes.
 */
public final class CorpusIndexer {
  /** Bump when fields or analysis change: an index of another schema is rebuilt. */
  static final String SCHEMA = "citebot-3";

  private static final int FILES_PER_COMMIT = 500;
  private static final long PROGRESS_EVERY_MS = 1000;

  private final ArticleReader reader;
  private final PassageEmbedder embedder;
  private final Consumer<String> console;

  /**
   * @param embedder null when vectors are off
   * @param console receives progress and warning lines (one sentence each)
   */
  public CorpusIndexer(ArticleReader reader, PassageEmbedder embedder, Consumer<String> console) {
    this.reader = reader;
    this.embedder = embedder;
    this.console = console;
  }

  /** What a refresh did. */
  public record Stats(int added, int changed, int removed, int unchanged, int skipped, long ms) {
    public boolean touched() {
      return added + changed + removed > 0;
    }
  }

  private record Seen(String hash, long size, long modified) {}

  public Stats refresh(Path corpus, Directory directory, boolean rebuild) throws IOException {
    long t0 = System.nanoTime();
    Map<String, String> userData = Map.of("schema", SCHEMA, "vectors", "" + (embedder != null));
    boolean sameSchema = !rebuild && userData.equals(committedUserData(directory));
    Map<String, Seen> seen = sameSchema ? manifest(directory) : Map.of();
    CorpusFiles.Listing listing = CorpusFiles.list(corpus);
    for (Path skipped : listing.skipped()) {
      console.accept("Skipping " + corpus.relativize(skipped) + ": not a .txt, .md or .html file.");
    }
    List<Path> files = listing.files();
    if (sameSchema && upToDate(corpus, files, seen)) {
      // The common case of a one-shot question: no writer, no lock, no analyzers to build.
      return new Stats(0, 0, 0, files.size(), 0, (System.nanoTime() - t0) / 1_000_000);
    }

    IndexWriterConfig iwc = new IndexWriterConfig(Analyzers.perField());
    // A schema change rebuilds from nothing; the old commit stays readable until the new one lands.
    iwc.setOpenMode(
        sameSchema
            ? IndexWriterConfig.OpenMode.CREATE_OR_APPEND
            : IndexWriterConfig.OpenMode.CREATE);
    int added = 0, changed = 0, unchanged = 0, skipped = 0, done = 0;
    Set<String> present = new HashSet<>();
    long lastProgress = System.currentTimeMillis();
    try (IndexWriter writer = new IndexWriter(directory, iwc)) {
      writer.setLiveCommitData(userData.entrySet());
      for (Path path : files) {
        String file = CorpusFiles.relative(corpus, path);
        present.add(file);
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        Seen before = seen.get(file);
        long modified = attrs.lastModifiedTime().toMillis();
        if (before != null && before.size() == attrs.size() && before.modified() == modified) {
          unchanged++;
        } else {
          String hash = hashOrNull(path);
          if (before != null && before.hash().equals(hash)) {
            unchanged++; // touched but identical: keep the documents
          } else {
            boolean ok = write(writer, corpus, path, file, attrs.size(), modified);
            if (!ok) {
              skipped++;
            } else if (before == null) {
              added++;
            } else {
              changed++;
            }
          }
        }
        done++;
        if (done % FILES_PER_COMMIT == 0) {
          writer.commit();
        }
        if (System.currentTimeMillis() - lastProgress >= PROGRESS_EVERY_MS) {
          console.accept("Indexing " + corpus + ": " + done + "/" + files.size() + " files");
          lastProgress = System.currentTimeMillis();
        }
      }
      int removed = 0;
      for (String file : seen.keySet()) {
        if (!present.contains(file)) {
          writer.deleteDocuments(new Term(Fields.FILE, file));
          removed++;
        }
      }
      writer.commit();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new Stats(added, changed, removed, unchanged, skipped, ms);
    }
  }

  private static boolean upToDate(Path corpus, List<Path> files, Map<String, Seen> seen)
      throws IOException {
    if (files.size() != seen.size()) {
      return false;
    }
    for (Path path : files) {
      Seen before = seen.get(CorpusFiles.relative(corpus, path));
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if (before == null
          || before.size() != attrs.size()
          || before.modified() != attrs.lastModifiedTime().toMillis()) {
        return false;
      }
    }
    return true;
  }

  /** Reads and indexes one file; false (after one warning line) when it cannot be read. */
  private boolean write(
      IndexWriter writer, Path corpus, Path path, String file, long size, long modified)
      throws IOException {
    List<Document> docs = new ArrayList<>();
    Document manifest = new Document();
    manifest.add(new StringField(Fields.TYPE, Fields.ARTICLE, Field.Store.NO));
    manifest.add(new StringField(Fields.ID, file, Field.Store.YES));
    manifest.add(new StringField(Fields.FILE, file, Field.Store.YES));
    manifest.add(new StoredField(Fields.SIZE, size));
    manifest.add(new StoredField(Fields.MODIFIED, modified));
    try {
      Article article = reader.read(corpus, path);
      manifest.add(new StoredField(Fields.HASH, article.contentHash()));
      manifest.add(new StoredField(Fields.TITLE, article.title()));
      manifest.add(new StringField(Fields.LANGUAGE, article.language(), Field.Store.YES));
      manifest.add(new StoredField(Fields.DATE, article.date()));
      manifest.add(new StoredField(Fields.URL, article.sourceUrl()));
      manifest.add(new StoredField(Fields.PASSAGES, article.passages().size()));
      docs.add(manifest);
      List<float[]> vectors =
          embedder == null
              ? null
              : embedder.embedAll(
                  article.passages().stream().map(p -> article.title() + "\n" + p.text()).toList());
      for (Passage p : article.passages()) {
        docs.add(passageDocument(article, p, vectors == null ? null : vectors.get(p.ordinal())));
      }
    } catch (UnreadableFileException e) {
      console.accept("Skipping " + e.getMessage());
      // Remember the file as skipped so the warning is not repeated until it changes.
      manifest.add(new StoredField(Fields.HASH, hashOrNull(path)));
      manifest.add(new StoredField(Fields.SKIPPED, e.getMessage()));
      docs.add(manifest);
      writer.updateDocuments(new Term(Fields.FILE, file), docs);
      return false;
    }
    writer.updateDocuments(new Term(Fields.FILE, file), docs);
    return true;
  }

  private static Document passageDocument(Article a, Passage p, float[] vector) throws IOException {
    Document d = new Document();
    d.add(new StringField(Fields.TYPE, Fields.PASSAGE, Field.Store.NO));
    d.add(new StringField(Fields.ID, IndexedPassage.id(a.file(), p.ordinal()), Field.Store.YES));
    d.add(new StringField(Fields.FILE, a.file(), Field.Store.YES));
    d.add(new StoredField(Fields.ORDINAL, p.ordinal()));
    d.add(new StoredField(Fields.TITLE, a.title()));
    // Indexed, so "does any Vietnamese passage use this word?" is one count.
    d.add(new StringField(Fields.LANGUAGE, a.language(), Field.Store.YES));
    d.add(new StoredField(Fields.URL, a.sourceUrl()));
    d.add(new StoredField(Fields.SENTENCES, SentenceCodec.encode(p.sentences())));
    String text = p.text();
    d.add(new TextField(Fields.FOLDED, text, Field.Store.NO));
    d.add(new TextField(Fields.TITLE_FOLDED, a.title(), Field.Store.NO));
    String languageField = Fields.languageField(a.language());
    if (languageField != null) {
      d.add(new TextField(languageField, text, Field.Store.NO));
    }
    if (vector != null) {
      d.add(new KnnFloatVectorField(Fields.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
    }
    return d;
  }

  static Map<String, String> committedUserData(Directory directory) throws IOException {
    if (!DirectoryReader.indexExists(directory)) {
      return Map.of();
    }
    try (DirectoryReader r = DirectoryReader.open(directory)) {
      return r.getIndexCommit().getUserData();
    }
  }

  private static Map<String, Seen> manifest(Directory directory) throws IOException {
    Map<String, Seen> out = new HashMap<>();
    if (!DirectoryReader.indexExists(directory)) {
      return out;
    }
    try (DirectoryReader r = DirectoryReader.open(directory)) {
      IndexSearcher s = new IndexSearcher(r);
      TermQuery q = new TermQuery(new Term(Fields.TYPE, Fields.ARTICLE));
      for (ScoreDoc sd : s.search(q, Math.max(1, r.maxDoc())).scoreDocs) {
        Document d = s.storedFields().document(sd.doc);
        out.put(
            d.get(Fields.FILE),
            new Seen(
                String.valueOf(d.get(Fields.HASH)),
                d.getField(Fields.SIZE).numericValue().longValue(),
                d.getField(Fields.MODIFIED).numericValue().longValue()));
      }
    }
    return out;
  }

  private static String hashOrNull(Path path) {
    try {
      return Hashes.sha256(path);
    } catch (IOException e) {
      return "unreadable";
    }
  }
}
