package dev.citebot.cli;

import dev.citebot.Citebot;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "index", description = "Build or refresh the index of the corpus, with progress.")
final class IndexCommand implements Callable<Integer> {
  private final Session session;

  @Mixin CommonOptions common;

  @Option(names = "--rebuild", description = "Rebuild from nothing instead of refreshing.")
  boolean rebuild;

  IndexCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    try (Citebot bot = common.open(session, rebuild)) {
      if (bot.indexFailure().isPresent()) {
        return Main.FAILED; // the warning already said why; the last complete index is kept
      }
      var sources = bot.sources();
      int passages = sources.stream().mapToInt(s -> s.passages()).sum();
      session.out().printf("%d articles, %d passages indexed.%n", sources.size(), passages);
      return Main.OK;
    }
  }
}
