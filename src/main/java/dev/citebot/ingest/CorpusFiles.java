package dev.citebot.ingest;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The files of a corpus folder, found recursively, in a stable order (by relative path, '/'
 * separated), so indexes and listings are the same on every run and platform.
 *
 * <p>Only paths are held, never file contents: a corpus of 10,000 articles lists in a few
 * megabytes. Hidden files and folders (name starting with '.') are ignored silently; other files
 * with an unsupported extension are reported so the caller can warn once per file.
 */
public final class CorpusFiles {

  /** Extensions {@link ArticleReader} reads. */
  public static final Set<String> SUPPORTED = Set.of("txt", "md", "markdown", "html", "htm");

  /**
   * @param files the supported files, sorted by relative path
   * @param skipped files with an unsupported extension, sorted by relative path
   */
  public record Listing(List<Path> files, List<Path> skipped) {
    public Listing {
      files = List.copyOf(files);
      skipped = List.copyOf(skipped);
    }
  }

  private CorpusFiles() {}

  /**
   * The real path of {@code file} (relative to {@code corpus}), checked to lie inside the corpus
   * folder once links are followed: names come from the index or from a model's citations, and a
   * symlink swapped in under a name must not reach a file outside.
   *
   * @throws java.nio.file.NoSuchFileException when the file does not exist
   * @throws FileNotFoundException when it resolves to a path outside the corpus folder
   */
  public static Path inside(Path corpus, String file) throws IOException {
    Path root = corpus.toRealPath();
    Path path = root.resolve(file).toRealPath();
    if (!path.startsWith(root)) {
      throw new FileNotFoundException(file + " is outside the corpus folder.");
    }
    return path;
  }

  /**
   * Lists {@code root}.
   *
   * @throws FileNotFoundException when {@code root} does not exist or is not a folder (message for
   *     users)
   * @throws IOException when a folder inside cannot be read
   */
  public static Listing list(Path root) throws IOException {
    requireFolder(root);
    List<Path> files = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    // The folder itself may be a link ("seeds -> ~/articles"): walk where it leads, and name what
    // is found under the folder as given. Links inside it are not followed.
    Path real = root.toRealPath();
    Files.walkFileTree(
        real,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            return !dir.equals(real) && isHidden(dir)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isRegularFile() && !isHidden(file)) {
              (isSupported(file) ? files : skipped).add(root.resolve(real.relativize(file)));
            }
            return FileVisitResult.CONTINUE;
          }
        });
    Comparator<Path> byRelativePath = Comparator.comparing(p -> relative(root, p));
    files.sort(byRelativePath);
    skipped.sort(byRelativePath);
    return new Listing(files, skipped);
  }

  /**
   * @throws FileNotFoundException when {@code root} does not exist or is not a folder (message for
   *     users)
   */
  public static void requireFolder(Path root) throws FileNotFoundException {
    if (!Files.exists(root)) {
      throw new FileNotFoundException("The corpus folder " + root + " does not exist.");
    }
    if (!Files.isDirectory(root)) {
      throw new FileNotFoundException("The corpus path " + root + " is not a folder.");
    }
  }

  public static boolean isSupported(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && SUPPORTED.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** The path of {@code file} relative to {@code root}, with '/' separators. */
  public static String relative(Path root, Path file) {
    return ArticleReader.relativeName(root, file);
  }

  private static boolean isHidden(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().startsWith(".");
  }
}
