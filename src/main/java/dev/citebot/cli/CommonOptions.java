package dev.citebot.cli;

import dev.citebot.Citebot;
import dev.citebot.config.CitebotConfig;
import dev.citebot.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** --corpus and --config, which every command takes. */
final class CommonOptions {
  @Option(
      names = "--corpus",
      paramLabel = "DIR",
      description = "Folder of articles (default: seeds).")
  Path corpus;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings file (default: config/citebot.yaml when present).")
  Path config;

  CitebotConfig load(Session session) {
    CitebotConfig c = new ConfigLoader(session.env()).load(config);
    return corpus == null ? c : c.withCorpus(corpus);
  }

  /** Opens the engine, refreshing the index; progress and warnings go to standard error. */
  Citebot open(Session session, boolean rebuild) throws IOException {
    return Citebot.open(load(session), rebuild, session.err()::println);
  }
}
