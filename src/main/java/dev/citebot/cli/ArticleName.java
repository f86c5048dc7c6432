package dev.citebot.cli;

import dev.citebot.render.ConsoleRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Turns what a person typed at the console into an article's name in the corpus. Besides the name
 * as cited, the console accepts the name as it was printed (control characters, newlines included,
 * show as U+FFFD) and the file's path as the person sees it, relative to the working folder or
 * absolute, when it lies inside the corpus. Only the console does this: Telegram users never name
 * paths of this machine.
 */
final class ArticleName {
  private ArticleName() {}

  /**
   * The article {@code given} means, or {@code given} itself when it means none (the engine then
   * says it is not an article).
   */
  static String resolve(String given, Path corpus, Set<String> articles) {
    if (articles.contains(given)) {
      return given;
    }
    if (given.indexOf('\uFFFD') >= 0) {
      List<String> printed =
          articles.stream().filter(a -> ConsoleRenderer.printableName(a).equals(given)).toList();
      if (printed.size() == 1) {
        return printed.get(0);
      }
    }
    return asPath(given, corpus).filter(articles::contains).orElse(given);
  }

  /** {@code given} as a path inside {@code corpus}: its name there, '/' separated. */
  private static Optional<String> asPath(String given, Path corpus) {
    try {
      Path typed = Path.of(given).toAbsolutePath().normalize();
      Path root = corpus.toAbsolutePath().normalize();
      if (typed.startsWith(root) && !typed.equals(root)) {
        return Optional.of(name(root.relativize(typed)));
      }
      if (Files.exists(typed)) { // through symbolic links, e.g. a corpus folder that is a link
        Path real = typed.toRealPath();
        Path realRoot = corpus.toRealPath();
        if (real.startsWith(realRoot) && !real.equals(realRoot)) {
          return Optional.of(name(realRoot.relativize(real)));
        }
      }
    } catch (InvalidPathException | IOException e) {
      // not a path of this machine
    }
    return Optional.empty();
  }

  private static String name(Path relative) {
    return StreamSupport.stream(relative.spliterator(), false)
        .map(Path::toString)
        .collect(Collectors.joining("/"));
  }
}
