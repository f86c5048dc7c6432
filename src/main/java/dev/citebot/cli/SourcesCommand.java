package dev.citebot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.Citebot;
import dev.citebot.index.ArticleInfo;
import dev.citebot.render.ConsoleRenderer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sources", description = "List the articles: file, title, language, date, URL.")
final class SourcesCommand implements Callable<Integer> {
  private final Session session;

  @Mixin CommonOptions common;

  @Option(names = "--json", description = "One JSON object per article.")
  boolean json;

  SourcesCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    try (Citebot bot = common.open(session, false)) {
      ObjectMapper mapper = new ObjectMapper();
      for (ArticleInfo a : bot.sources()) {
        if (json) {
          session.out().println(mapper.writeValueAsString(a));
        } else {
          session
              .out()
              .printf(
                  "%s  [%s]%s  %d passages%n    %s%n%s",
                  ConsoleRenderer.printableName(a.file()),
                  a.language(),
                  a.date().isEmpty() ? "" : "  " + a.date(),
                  a.passages(),
                  ConsoleRenderer.printable(a.title()),
                  a.sourceUrl().isEmpty()
                      ? ""
                      : "    " + ConsoleRenderer.printable(a.sourceUrl()) + "\n");
        }
      }
      return Main.OK;
    }
  }
}
