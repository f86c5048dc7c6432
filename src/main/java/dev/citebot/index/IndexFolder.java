package dev.citebot.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;

/**
 * The index folder of one corpus, holding complete generations of the index side by side:
 *
 * <pre>
 * current                      the name of the generation readers use ("gen-000007")
 * gen-000007/                  a complete Lucene index
 * gen-000008/                  being built; nobody reads it until {@link #publish} names it
 * damaged-gen-000005-…/        a damaged generation set aside, never deleted by citebot
 * write.lock                   held by the one process that builds
 * </pre>
 *
 * A generation is written completely, committed and synced before {@code current} is replaced by an
 * atomic rename, so a reader (or a crash at any moment) sees either the old complete index or the
 * new complete one, never a partial one.
 */
final class IndexFolder {
  static final String POINTER = "current";
  private static final Pattern GENERATION = Pattern.compile("gen-(\\d{6,})");
  private static final Pattern NUMBERED = Pattern.compile("(?:damaged-)?gen-(\\d{6,}).*");
  private static final String LOCK = "write.lock";

  private final Path root;

  IndexFolder(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /**
   * The generation {@code current} names, or empty when there is none yet.
   *
   * @throws IndexDamagedException when the pointer names nothing usable
   */
  Optional<Path> current() throws IOException {
    String name;
    try {
      name = Files.readString(root.resolve(POINTER), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    Path gen = root.resolve(name);
    if (!GENERATION.matcher(name).matches() || !Files.isDirectory(gen)) {
      throw new IndexDamagedException(root.resolve(POINTER), "it names no generation");
    }
    return Optional.of(gen);
  }

  /**
   * The write lock, or null when another process holds it. Only its holder creates, publishes, sets
   * aside or deletes generations.
   */
  Lock tryLock() throws IOException {
    Files.createDirectories(root);
    try (Directory d = FSDirectory.open(root)) {
      return d.obtainLock(
          LOCK); // a native OS lock: it outlives the Directory, ends with the process
    } catch (LockObtainFailedException e) {
      return null;
    }
  }

  /**
   * A new, empty generation folder numbered after every one there is, set-aside ones included: a
   * name is never used twice, so a running engine can tell generations apart by their folder.
   */
  Path newGeneration() throws IOException {
    int max = 0;
    for (Path p : list()) {
      Matcher m = NUMBERED.matcher(p.getFileName().toString());
      if (m.matches()) {
        max = Math.max(max, Integer.parseInt(m.group(1)));
      }
    }
    return Files.createDirectory(root.resolve("gen-%06d".formatted(max + 1)));
  }

  /**
   * Makes {@code gen} the one readers use: the pointer is written beside and renamed over the old
   * one atomically, then synced. Generations other than {@code gen} and {@code previous} (which
   * readers may still be opening) are deleted, and so are the files of an index of the old layout
   * (Lucene files directly in the folder).
   */
  void publish(Path gen, Path previous) throws IOException {
    Path tmp = root.resolve(POINTER + ".tmp");
    Files.writeString(tmp, gen.getFileName() + "\n", StandardCharsets.UTF_8);
    IOUtils.fsync(tmp, false);
    Files.move(
        tmp,
        root.resolve(POINTER),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    // Published: from here on nothing may fail the refresh, or its caller would delete gen.
    try {
      IOUtils.fsync(root, true);
    } catch (IOException e) {
      // The rename is visible to every reader now; durability across a power cut is best effort.
    }
    for (Path p : list()) {
      String name = p.getFileName().toString();
      boolean oldGeneration =
          GENERATION.matcher(name).matches() && !p.equals(gen) && !p.equals(previous);
      boolean oldLayout =
          Files.isRegularFile(p)
              && (name.startsWith(IndexFileNames.SEGMENTS) || name.startsWith("_"));
      if (oldGeneration || oldLayout) {
        deleteQuietly(p);
      }
    }
  }

  /**
   * Renames a damaged generation (or pointer) so it is kept for inspection but never read again.
   *
   * @return the new name
   */
  Path setAside(Path damaged) throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    Path target = root.resolve("damaged-" + damaged.getFileName() + "-" + stamp);
    for (int i = 2; Files.exists(target); i++) {
      target = root.resolve("damaged-" + damaged.getFileName() + "-" + stamp + "-" + i);
    }
    Files.move(damaged, target, StandardCopyOption.ATOMIC_MOVE);
    if (damaged.getFileName().toString().startsWith("gen-")) {
      // Readers must not find the pointer naming a folder that is gone.
      Files.deleteIfExists(root.resolve(POINTER));
    }
    return target;
  }

  /** Deletes a folder built in vain (a refresh that could not be written): it may fill the disk. */
  static void deleteQuietly(Path path) {
    try {
      if (Files.isDirectory(path)) {
        Files.walkFileTree(
            path,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                  throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult postVisitDirectory(Path dir, IOException e)
                  throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
              }
            });
      } else {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // Still open elsewhere (Windows) or already gone: the next publish tries again.
    }
  }

  /** The entries of the folder; none when it cannot be listed. */
  private List<Path> list() {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
      s.forEach(out::add);
    } catch (IOException e) {
      // missing or unreadable: callers then see no generations and no old layout
    }
    return out;
  }
}
