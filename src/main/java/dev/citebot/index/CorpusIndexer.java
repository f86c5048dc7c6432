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
 * Brings an index up to date with the files on disk: new and changed files are (re)ingested,
 * deleted ones dropped, unchanged ones skipped by size and time (and content hash when the time
 * moved). {@link #plan} decides what to do without writing anything; {@link #write} does it in a
 * generation folder nobody reads yet (see {@link CorpusIndex}), with one commit at the end.
 */
public final class CorpusIndexer {
  /** Bump when fields or analysis change: an index of another schema is rebuilt. */
  static final String SCHEMA = "citebot-3";

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

  /**
   * A file the index knows, from its manifest document.
   *
   * @param skipped whether it was left out (of another type, binary, too large...) rather than
   *     indexed: remembered so that its warning is given once, and dropped silently when it goes
   */
  private record Seen(String hash, long size, long modified, boolean skipped) {}

  /** Why files of other types are left out. */
  static final String OTHER_TYPE = "not a .txt, .md or .html file";

  /** The one wording of every skipped-file warning. */
  static String skipping(String file, String reason) {
    return "Skipping " + file + ": " + reason + ".";
  }

  /**
   * What a refresh has to do.
   *
   * @param files the corpus files to index
   * @param otherFiles files of other types, left out
   * @param seen the files the base index holds; empty when it is rebuilt from nothing
   * @param incremental whether the new index starts as a copy of the base
   * @param upToDate whether the base already holds every file as it is (nothing to write)
   */
  record Plan(
      List<Path> files,
      List<Path> otherFiles,
      Map<String, Seen> seen,
      boolean incremental,
      boolean upToDate,
      long startNanos) {}

  Map<String, String> userData() {
    return Map.of("schema", SCHEMA, "vectors", "" + (embedder != null));
  }

  /**
   * Compares the corpus with {@code base} (null when there is no index yet) without writing.
   *
   * @param rebuild ignore the base: every file is indexed again
   */
  Plan plan(Path corpus, DirectoryReader base, boolean rebuild) throws IOException {
    long t0 = System.nanoTime();
    boolean sameSchema =
        !rebuild && base != null && userData().equals(base.getIndexCommit().getUserData());
    Map<String, Seen> seen = sameSchema ? manifest(base) : Map.of();
    CorpusFiles.Listing listing = CorpusFiles.list(corpus);
    List<Path> files = listing.files();
    List<Path> others = listing.skipped();
    return new Plan(
        files, others, seen, sameSchema, sameSchema && upToDate(corpus, files, others, seen), t0);
  }

  /**
   * Carries out {@code plan} in {@code directory}: empty, or holding a copy of the base index when
   * the plan is incremental. Commits once, at the end.
   */
  Stats write(Path corpus, Plan plan, Directory directory) throws IOException {
    IndexWriterConfig iwc = new IndexWriterConfig(Analyzers.perField());
    iwc.setOpenMode(
        plan.incremental() ? IndexWriterConfig.OpenMode.APPEND : IndexWriterConfig.OpenMode.CREATE);
    List<Path> files = plan.files();
    Map<String, Seen> seen = plan.seen();
    int added = 0, changed = 0, unchanged = 0, skipped = 0, done = 0;
    Set<String> present = new HashSet<>();
    long lastProgress = System.currentTimeMillis();
    try (IndexWriter writer = new IndexWriter(directory, iwc)) {
      writer.setLiveCommitData(userData().entrySet());
      // Files of other types are remembered too, so each is named once, not on every run.
      for (Path path : plan.otherFiles()) {
        String file = CorpusFiles.relative(corpus, path);
        present.add(file);
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        long modified = attrs.lastModifiedTime().toMillis();
        Seen before = seen.get(file);
        if (before == null
            || !before.skipped()
            || before.size() != attrs.size()
            || before.modified() != modified) {
          console.accept(skipping(file, OTHER_TYPE));
          writer.updateDocuments(
              new Term(Fields.FILE, file),
              List.of(skippedDocument(file, attrs.size(), modified, "", OTHER_TYPE)));
        }
      }
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
            } else if (before == null || before.skipped()) {
              added++; // a file skipped before was no article yet
            } else {
              changed++;
            }
          }
        }
        done++;
        if (System.currentTimeMillis() - lastProgress >= PROGRESS_EVERY_MS) {
          console.accept("Indexing " + corpus + ": " + done + "/" + files.size() + " files");
          lastProgress = System.currentTimeMillis();
        }
      }
      int removed = 0;
      for (Map.Entry<String, Seen> e : seen.entrySet()) {
        if (!present.contains(e.getKey())) {
          writer.deleteDocuments(new Term(Fields.FILE, e.getKey()));
          if (!e.getValue().skipped()) { // a skipped file was never an article: nothing removed
            removed++;
          }
        }
      }
      writer.commit();
      long ms = (System.nanoTime() - plan.startNanos()) / 1_000_000;
      return new Stats(added, changed, removed, unchanged, skipped, ms);
    }
  }

  /**
   * Whether the index holds every file as it is: sizes and times first, and for files whose time
   * moved, their content hash (a touched but identical file is not a change).
   */
  private static boolean upToDate(
      Path corpus, List<Path> files, List<Path> others, Map<String, Seen> seen) throws IOException {
    if (files.size() + others.size() != seen.size()) {
      return false;
    }
    List<Path> all = new ArrayList<>(files);
    all.addAll(others);
    for (Path path : all) {
      Seen before = seen.get(CorpusFiles.relative(corpus, path));
      if (before == null) {
        return false;
      }
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      if ((before.size() != attrs.size()
              || before.modified() != attrs.lastModifiedTime().toMillis())
          // Files of other types are never hashed (they may be large): a new time is a change.
          && (before.hash().isEmpty() || !before.hash().equals(hashOrNull(path)))) {
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
    Document manifest = manifest(file, size, modified);
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
      console.accept(skipping(file, e.reason()));
      // Remember the file as skipped so the warning is not repeated until it changes.
      writer.updateDocuments(
          new Term(Fields.FILE, file),
          List.of(skippedDocument(file, size, modified, hashOrNull(path), e.reason())));
      return false;
    }
    writer.updateDocuments(new Term(Fields.FILE, file), docs);
    return true;
  }

  /**
   * The start of a file's manifest document: what it is, its id and file (the key a refresh
   * replaces it by), and the size and time that tell whether it changed.
   */
  private static Document manifest(String file, long size, long modified) {
    Document d = new Document();
    d.add(new StringField(Fields.TYPE, Fields.ARTICLE, Field.Store.NO));
    d.add(new StringField(Fields.ID, file, Field.Store.YES));
    d.add(new StringField(Fields.FILE, file, Field.Store.YES));
    d.add(new StoredField(Fields.SIZE, size));
    d.add(new StoredField(Fields.MODIFIED, modified));
    return d;
  }

  /** The manifest document of a file left out: enough to tell when it changes. */
  private static Document skippedDocument(
      String file, long size, long modified, String hash, String reason) {
    Document d = manifest(file, size, modified);
    d.add(new StoredField(Fields.HASH, hash));
    d.add(new StoredField(Fields.SKIPPED, reason));
    return d;
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

  private static Map<String, Seen> manifest(DirectoryReader r) throws IOException {
    Map<String, Seen> out = new HashMap<>();
    IndexSearcher s = new IndexSearcher(r);
    TermQuery q = new TermQuery(new Term(Fields.TYPE, Fields.ARTICLE));
    for (ScoreDoc sd : s.search(q, Math.max(1, r.maxDoc())).scoreDocs) {
      Document d = s.storedFields().document(sd.doc);
      out.put(
          d.get(Fields.FILE),
          new Seen(
              String.valueOf(d.get(Fields.HASH)),
              d.getField(Fields.SIZE).numericValue().longValue(),
              d.getField(Fields.MODIFIED).numericValue().longValue(),
              d.get(Fields.SKIPPED) != null));
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
