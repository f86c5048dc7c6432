package dev.citebot.cli;

import dev.citebot.Citebot;
import dev.citebot.Excerpt;
import dev.citebot.render.ConsoleRenderer;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "show",
    description = "Print lines of an article, to check a citation: show FILE[:FROM[-TO]].")
final class ShowCommand implements Callable<Integer> {
  private static final Pattern REFERENCE = Pattern.compile("(.+?)(?::(\\d+)(?:-(\\d+))?)?");

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
    Matcher m = REFERENCE.matcher(reference);
    if (!m.matches()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "Give a file and optional lines, like 000_x.txt:3-9.");
    }
    int from = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
    int to =
        m.group(3) != null
            ? Integer.parseInt(m.group(3))
            : m.group(2) != null ? from : Integer.MAX_VALUE;
    try (Citebot bot = common.open(session, false)) {
      Excerpt e = bot.show(m.group(1), from, to);
      session.out().println(e.article().title());
      if (!e.article().sourceUrl().isEmpty()) {
        session.out().println(e.article().sourceUrl());
      }
      session.out().printf("%s, lines %d-%d%n%n", e.article().file(), e.from(), e.to());
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
