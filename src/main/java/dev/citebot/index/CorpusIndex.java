package dev.citebot.index;

import dev.citebot.ingest.ArticleReader;
import dev.citebot.ingest.CorpusFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.Lock;

/**
 * Finds, refreshes and opens the index of one corpus folder. A refresh never writes into the index
 * readers use: it builds the next generation beside it (starting from hard links to the current
 * one's files, so only changed articles are read again) and switches readers over atomically when
 * it is complete (see {@link IndexFolder}). When the new generation cannot be written (a full disk)
 * the last complete one stays in use; a damaged one is set aside and built again.
 */
public final class CorpusIndex implements IndexStore {
  /** Opens the Lucene directory of a generation folder; tests inject write failures here. */
  interface Directories {
    Directory open(Path folder) throws IOException;
  }

  /**
   * The outcome of a refresh.
   *
   * @param generation the complete generation to read
   * @param written whether this refresh published it
   * @param failure why the corpus could not be indexed (the last complete index is used), or null
   */
  public record Refreshed(Path generation, boolean written, String failure) {}

  private final Path corpus;
  private final IndexFolder folder;
  private final CorpusIndexer indexer;
  private final Consumer<String> console;
  private final Directories directories;

  /**
   * @param console receives progress and warning lines (one sentence each)
   * @throws FileNotFoundException when the corpus folder does not exist or is not a folder
   */
  public CorpusIndex(
      Path corpus,
      Path indexDir,
      ArticleReader reader,
      PassageEmbedder embedder,
      Consumer<String> console)
      throws IOException {
    this(corpus, indexDir, reader, embedder, console, FSDirectory::open);
  }

  CorpusIndex(
      Path corpus,
      Path indexDir,
      ArticleReader reader,
      PassageEmbedder embedder,
      Consumer<String> console,
      Directories directories)
      throws IOException {
    CorpusFiles.requireFolder(corpus);
    this.corpus = corpus;
    this.folder = new IndexFolder(location(indexDir, corpus));
    this.indexer = new CorpusIndexer(reader, embedder, console);
    this.console = console;
    this.directories = directories;
  }

  /**
   * Each corpus folder gets its own index folder, named after the folder and a hash of its real
   * path, so switching --corpus never mixes two corpora or rebuilds the other one.
   */
  public static Path location(Path indexDir, Path corpus) throws IOException {
    Path real = corpus.toRealPath();
    String name = real.getFileName() == null ? "root" : real.getFileName().toString();
    name = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    return indexDir
        .resolve("index")
        .resolve(name + "-" + Hashes.sha256(real.toString()).substring(0, 12));
  }

  /**
   * Refreshes (or with {@code rebuild}, rebuilds) the index of {@code corpus} and opens it. When
   * another process is writing, or the new index cannot be written, the last complete one is used.
   */
  public static PassageIndex open(
      Path corpus,
      Path indexDir,
      ArticleReader reader,
      PassageEmbedder embedder,
      boolean rebuild,
      Consumer<String> console)
      throws IOException {
    CorpusIndex index = new CorpusIndex(corpus, indexDir, reader, embedder, console);
    return index.open(index.refresh(rebuild, true).generation());
  }

  /**
   * Brings the index up to date with the corpus, beside the generation in use, and publishes the
   * result when it is complete. Damaged generations found on the way are set aside (with a warning)
   * and built again.
   *
   * @param rebuild index every file again instead of only the changed ones
   * @param verify check every checksum of the generation in use (reads all its files), to find
   *     damage Lucene does not notice on opening it
   * @throws IOException when there is no complete index and none can be built now
   */
  public Refreshed refresh(boolean rebuild, boolean verify) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path base;
      CorpusIndexer.Plan plan;
      try {
        base = folder.current().orElse(null);
        plan = plan(base, rebuild, verify);
      } catch (IndexDamagedException e) {
        if (attempt > 2) {
          throw e;
        }
        setAside(e);
        continue;
      }
      if (plan.upToDate() && !rebuild) {
        return new Refreshed(base, false, null);
      }
      Lock lock = folder.tryLock();
      if (lock == null) {
        if (base == null) {
          throw new IndexUnavailableException(
              "The index of " + corpus + " is being built by another citebot; try again shortly.",
              null);
        }
        if (rebuild) {
          throw new IndexUnavailableException(
              "Another citebot is updating the index of "
                  + corpus
                  + "; run the rebuild again when it is done.",
              null);
        }
        console.accept("Another citebot is updating the index; using the last complete one.");
        return new Refreshed(base, false, null);
      }
      try (lock) {
        if (!Objects.equals(folder.current().orElse(null), base) && attempt < 5) {
          continue; // another process published meanwhile: plan again against its generation
        }
        return build(base, plan, rebuild);
      }
    }
  }

  @Override
  public Update update(boolean rebuild, boolean verify) throws IOException {
    Refreshed r = refresh(rebuild, verify);
    return new Update(r.generation().toString(), r.failure());
  }

  @Override
  public PassageIndex open(String version) throws IOException {
    return open(Path.of(version));
  }

  /**
   * Opens a complete generation for reading.
   *
   * @throws IndexDamagedException when Lucene cannot read it
   */
  public LucenePassageIndex open(Path generation) throws IOException {
    Directory dir = FSDirectory.open(generation);
    try {
      DirectoryReader reader = DirectoryReader.open(dir);
      boolean vectors = "true".equals(reader.getIndexCommit().getUserData().get("vectors"));
      return new LucenePassageIndex(dir, reader, vectors, generation);
    } catch (IOException | RuntimeException e) {
      dir.close();
      if (IndexDamagedException.isDamage(e)) {
        throw new IndexDamagedException(generation, IndexDamagedException.describe(e), e);
      }
      throw e;
    }
  }

  /** Reads what the base generation holds (checking its checksums when asked) and plans. */
  private CorpusIndexer.Plan plan(Path base, boolean rebuild, boolean verify) throws IOException {
    if (base == null) {
      return indexer.plan(corpus, null, true);
    }
    try (Directory dir = FSDirectory.open(base);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      if (verify) {
        checkIntegrity(reader);
      }
      CorpusIndexer.Plan plan = indexer.plan(corpus, LuceneSink.manifest(reader), rebuild);
      if (!verify && plan.incremental() && !plan.upToDate()) {
        checkIntegrity(reader); // the next generation links these files: never pass damage on
      }
      return plan;
    } catch (IOException | RuntimeException e) {
      if (IndexDamagedException.isDamage(e)) {
        throw new IndexDamagedException(base, IndexDamagedException.describe(e), e);
      }
      throw e;
    }
  }

  /** Reads every file of the index and compares its checksum: finds any changed byte. */
  private static void checkIntegrity(DirectoryReader reader) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) {
      leaf.reader().checkIntegrity();
    }
  }

  /** Renames the damaged generation (or pointer) so it is never read again, and says so. */
  private void setAside(IndexDamagedException damage) throws IOException {
    Lock lock = folder.tryLock();
    if (lock == null) {
      throw new IndexUnavailableException(
          "The index of "
              + corpus
              + " is damaged and another citebot is rebuilding it; try again"
              + " shortly.",
          damage);
    }
    try (lock) {
      if (!Files.exists(damage.location())) {
        return; // another process set it aside already
      }
      Path aside = folder.setAside(damage.location());
      console.accept(
          "The index of %s was damaged (%s); it was set aside as %s and is built again."
              .formatted(corpus, damage.reason(), aside));
    }
  }

  /** Writes the next generation from {@code base} and publishes it; the lock is held. */
  private Refreshed build(Path base, CorpusIndexer.Plan plan, boolean rebuild) throws IOException {
    Path next = folder.newGeneration();
    CorpusIndexer.Stats stats;
    try {
      try (Directory target = directories.open(next)) {
        if (plan.incremental()) {
          linkCommit(base, next, target);
        }
        try (LuceneSink sink = new LuceneSink(target, plan.incremental())) {
          stats = indexer.write(corpus, plan, sink);
        }
      }
      folder.publish(next, base);
    } catch (IOException e) {
      IndexFolder.deleteQuietly(next); // a full disk gets its space back
      if (Thread.currentThread().isInterrupted()) {
        throw e; // stopping, not failing: nothing to warn about
      }
      if (base == null) {
        throw new IndexUnavailableException(
            "Could not build the index of " + corpus + ": " + brief(e) + ".", e);
      }
      String failure =
          "Could not write the new index of %s (%s); the last complete index is used."
              .formatted(corpus, brief(e));
      console.accept(failure);
      return new Refreshed(base, false, failure);
    } catch (RuntimeException e) {
      IndexFolder.deleteQuietly(next);
      throw e;
    }
    if (stats.touched() || rebuild) {
      console.accept(stats.summary(corpus));
    }
    return new Refreshed(next, true, null);
  }

  /**
   * Gives {@code next} the files of the base's last commit. Lucene never changes a file once
   * written, so hard links are safe and cost no space; where links are not possible, a copy.
   */
  private static void linkCommit(Path base, Path next, Directory target) throws IOException {
    try (Directory from = FSDirectory.open(base)) {
      for (String file : SegmentInfos.readLatestCommit(from).files(true)) {
        try {
          Files.createLink(next.resolve(file), base.resolve(file));
        } catch (UnsupportedOperationException | FileSystemException e) {
          Files.deleteIfExists(next.resolve(file));
          target.copyFrom(from, file, file, IOContext.READONCE);
        }
      }
    }
  }

  /** "No space left on device", without the path the operating system puts before it. */
  private static String brief(IOException e) {
    String m =
        e instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
    return m.strip();
  }
}
