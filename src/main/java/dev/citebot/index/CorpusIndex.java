package dev.citebot.index;

import dev.citebot.ingest.ArticleReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;

/** Finds, refreshes and opens the index of one corpus folder. */
public final class CorpusIndex {
  private CorpusIndex() {}

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
   * another process holds the write lock, the last committed index is used as it is.
   */
  public static LucenePassageIndex open(
      Path corpus,
      Path indexDir,
      ArticleReader reader,
      PassageEmbedder embedder,
      boolean rebuild,
      Consumer<String> console)
      throws IOException {
    if (!Files.isDirectory(corpus)) {
      throw new FileNotFoundException("Corpus folder " + corpus + " does not exist.");
    }
    Path location = location(indexDir, corpus);
    Files.createDirectories(location);
    Directory dir = FSDirectory.open(location);
    try {
      try {
        CorpusIndexer.Stats stats =
            new CorpusIndexer(reader, embedder, console).refresh(corpus, dir, rebuild);
        if (stats.touched() || rebuild) {
          console.accept(
              "Indexed %s: %d added, %d changed, %d removed, %d unchanged, %d skipped in %d ms."
                  .formatted(
                      corpus,
                      stats.added(),
                      stats.changed(),
                      stats.removed(),
                      stats.unchanged(),
                      stats.skipped(),
                      stats.ms()));
        }
      } catch (LockObtainFailedException e) {
        if (!DirectoryReader.indexExists(dir)) {
          throw new IOException(
              "The index of " + corpus + " is being built by another citebot; try again shortly.");
        }
        console.accept("Another citebot is updating the index; using the last complete one.");
      }
      boolean vectors = "true".equals(CorpusIndexer.committedUserData(dir).get("vectors"));
      return new LucenePassageIndex(dir, vectors);
    } catch (IOException | RuntimeException e) {
      dir.close();
      throw e;
    }
  }
}
