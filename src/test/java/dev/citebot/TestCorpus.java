package dev.citebot;

import dev.citebot.config.CitebotConfig;
import dev.citebot.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Real corpora in temp folders for tests: the shipped seeds, copied so tests may change them. */
public final class TestCorpus {
  private TestCorpus() {}

  /** Copies the five seed articles into {@code dir} and returns it. */
  public static Path seeds(Path dir) {
    try (Stream<Path> files = Files.list(Path.of("seeds"))) {
      Files.createDirectories(dir);
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The default settings with the corpus and index in the given folders, plus {@code env}. */
  public static CitebotConfig config(Path corpus, Path indexDir, Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.put("CITEBOT_CORPUS", corpus.toString());
    all.put("CITEBOT_INDEX_DIR", indexDir.toString());
    return new ConfigLoader(all).load(null);
  }

  /** An engine on a copy of the seeds in {@code dir} (corpus and index both under it). */
  public static Citebot openSeeds(Path dir) throws IOException {
    Path corpus = seeds(dir.resolve("seeds"));
    return Citebot.open(config(corpus, dir.resolve("data")), false, line -> {});
  }

  public static CitebotConfig config(Path corpus, Path indexDir) {
    return config(corpus, indexDir, Map.of());
  }
}
