package dev.citebot.cli;

import dev.citebot.Citebot;
import dev.citebot.Excerpt;
import dev.citebot.LineReference;
import dev.citebot.index.ArticleInfo;
import dev.citebot.render.ConsoleRenderer;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "show",
    description = "Print lines of an article, to check a citation: show FILE[:FROM[-TO]].")
final class ShowCommand implements Callable<Integer> {
  private final Session session;

  @Spec CommandLine.Model.CommandSpec spec;

  @Mixin CommonOptions common;

  @Parameters(paramLabel = "FILE[:FROM-TO]")
  String reference;

  ShowCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    LineReference ref =
        LineReference.parse(reference)
            .orElseThrow(
                () ->
                    new CommandLine.ParameterException(
                        spec.commandLine(), "Give a file and optional lines, like 000_x.txt:3-9."));
    try (Citebot bot = common.open(session, false)) {
      Set<String> articles =
          bot.sources().stream().map(ArticleInfo::file).collect(Collectors.toSet());
      String file = ArticleName.resolve(ref.file(), bot.config().corpus(), articles);
      Excerpt e = bot.show(file, ref.from(), ref.to());
      session.out().println(ConsoleRenderer.printable(e.article().title()));
      if (!e.article().sourceUrl().isEmpty()) {
        session.out().println(ConsoleRenderer.printable(e.article().sourceUrl()));
      }
      session
          .out()
          .printf(
              "%s, lines %d-%d%n%n",
              ConsoleRenderer.printableName(e.article().file()), e.from(), e.to());
      int width = String.valueOf(e.to()).length();
      for (int i = 0; i < e.lines().size(); i++) {
        session
            .out()
            .printf(
                "%" + width + "d | %s%n",
                e.from() + i,
                ConsoleRenderer.printable(e.lines().get(i)));
      }
      return Main.OK;
    }
  }
}
