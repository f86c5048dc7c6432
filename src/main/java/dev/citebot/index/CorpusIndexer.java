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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings an index up to date with the files on disk: new and changed files are (re)ingested,
 * deleted ones dropped, unchanged ones skipped by size and time (and content hash when the time
 * moved). {@link #plan} decides what to do without writing anything; {@link #write} does it in a
 * generation folder nobody reads yet (see {@link CorpusIndex}), with one commit at the end.
 */
public final class CorpusIndexer {
  /** Bump when fields or analysis change: an index of another schema is rebuilt. */
  static final String SCHEMA = "citebot-4";

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

    /** The one line a refresh that wrote something prints. */
    public String summary(Path corpus) {
      return "Indexed %s: %d added, %d changed, %d removed, %d unchanged, %d skipped in %d ms."
          .formatted(corpus, added, changed, removed, unchanged, skipped, ms);
    }
  }

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
  public record Plan(
      List<Path> files,
      List<Path> otherFiles,
      Map<String, IndexedFile> seen,
      boolean incremental,
      boolean upToDate,
      long startNanos) {}

  /** The schema stamp of what this indexer writes; an index with another one is rebuilt. */
  public Map<String, String> schema() {
    return Map.of("schema", SCHEMA, "vectors", "" + (embedder != null));
  }

  /**
   * Compares the corpus with {@code base} (null when there is no index yet) without writing.
   *
   * @param rebuild ignore the base: every file is indexed again
   */
  public Plan plan(Path corpus, IndexManifest base, boolean rebuild) throws IOException {
    long t0 = System.nanoTime();
    boolean sameSchema = !rebuild && base != null && schema().equals(base.schema());
    Map<String, IndexedFile> seen = sameSchema ? base.files() : Map.of();
    CorpusFiles.Listing listing = CorpusFiles.list(corpus);
    if (listing.files().isEmpty()) {
      // Said on every run: a wrong --corpus would otherwise only show as unanswered questions.
      console.accept(
          "The corpus folder " + corpus + " has no .txt, .md or .html files to answer from.");
    }
    List<Path> files = listing.files();
    List<Path> others = listing.skipped();
    return new Plan(
        files, others, seen, sameSchema, sameSchema && upToDate(corpus, files, others, seen), t0);
  }

  /**
   * Carries out {@code plan} in {@code writer}: empty, or holding the base index when the plan is
   * incremental. Commits once, at the end.
   */
  public Stats write(Path corpus, Plan plan, IndexSink writer) throws IOException {
    List<Path> files = plan.files();
    Map<String, IndexedFile> seen = plan.seen();
    int added = 0, changed = 0, unchanged = 0, skipped = 0, done = 0;
    Set<String> present = new HashSet<>();
    long lastProgress = System.currentTimeMillis();
    {
      // Files of other types are remembered too, so each is named once, not on every run.
      for (Path path : plan.otherFiles()) {
        String file = CorpusFiles.relative(corpus, path);
        present.add(file);
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        long modified = attrs.lastModifiedTime().toMillis();
        IndexedFile before = seen.get(file);
        if (before == null
            || !before.skipped()
            || before.size() != attrs.size()
            || before.modified() != modified) {
          console.accept(skipping(file, OTHER_TYPE));
          writer.replace(
              ArticleRecord.skipped(file, attrs.size(), modified, "", OTHER_TYPE), List.of());
        }
      }
      for (Path path : files) {
        String file = CorpusFiles.relative(corpus, path);
        present.add(file);
        BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
        IndexedFile before = seen.get(file);
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
      for (Map.Entry<String, IndexedFile> e : seen.entrySet()) {
        if (!present.contains(e.getKey())) {
          writer.delete(e.getKey());
          if (!e.getValue().skipped()) { // a skipped file was never an article: nothing removed
            removed++;
          }
        }
      }
      writer.commit(schema());
      long ms = (System.nanoTime() - plan.startNanos()) / 1_000_000;
      return new Stats(added, changed, removed, unchanged, skipped, ms);
    }
  }

  /**
   * Whether the index holds every file as it is: sizes and times first, and for files whose time
   * moved, their content hash (a touched but identical file is not a change).
   */
  private static boolean upToDate(
      Path corpus, List<Path> files, List<Path> others, Map<String, IndexedFile> seen)
      throws IOException {
    if (files.size() + others.size() != seen.size()) {
      return false;
    }
    List<Path> all = new ArrayList<>(files);
    all.addAll(others);
    for (Path path : all) {
      IndexedFile before = seen.get(CorpusFiles.relative(corpus, path));
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
      IndexSink writer, Path corpus, Path path, String file, long size, long modified)
      throws IOException {
    Article article;
    try {
      article = reader.read(corpus, path);
    } catch (UnreadableFileException e) {
      console.accept(skipping(file, e.reason()));
      // Remember the file as skipped so the warning is not repeated until it changes.
      writer.replace(
          ArticleRecord.skipped(file, size, modified, hashOrNull(path), e.reason()), List.of());
      return false;
    }
    List<float[]> vectors =
        embedder == null
            ? null
            : embedder.embedAll(
                article.passages().stream().map(p -> article.title() + "\n" + p.text()).toList());
    List<PassageRecord> passages = new ArrayList<>();
    for (Passage p : article.passages()) {
      passages.add(
          new PassageRecord(
              p,
              article.title(),
              article.language(),
              article.sourceUrl(),
              vectors == null ? null : vectors.get(p.ordinal())));
    }
    writer.replace(
        new ArticleRecord(
            file,
            size,
            modified,
            article.contentHash(),
            article.title(),
            article.language(),
            article.date(),
            article.sourceUrl(),
            article.passages().size(),
            null),
        passages);
    return true;
  }

  private static String hashOrNull(Path path) {
    try {
      return Hashes.sha256(path);
    } catch (IOException e) {
      return "unreadable";
    }
  }
}
