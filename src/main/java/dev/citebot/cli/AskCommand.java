package dev.citebot.cli;

import dev.citebot.Citebot;
import dev.citebot.answer.Answer;
import dev.citebot.answer.BadQuestionException;
import dev.citebot.render.ConsoleRenderer;
import dev.citebot.render.JsonRenderer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "ask",
    description = "Answer a question with cited sources; without QUESTION, one per stdin line.")
final class AskCommand implements Callable<Integer> {
  private final Session session;

  @Mixin CommonOptions common;

  @Option(names = "--json", description = "Print one JSON record per question.")
  boolean json;

  @Parameters(arity = "0..1", paramLabel = "QUESTION")
  String question;

  AskCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    try (Citebot bot = common.open(session, false)) {
      if (question != null) {
        // One question: a bad one is the command's failure.
        answer(bot, question);
        return Main.OK;
      }
      // A batch: a bad line is reported in its place and the batch goes on.
      int code = Main.OK;
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(session.in(), StandardCharsets.UTF_8));
      for (String line; (line = lines.readLine()) != null; ) {
        try {
          answer(bot, line);
        } catch (BadQuestionException e) {
          code = Main.FAILED;
          if (json) {
            session.out().println(new JsonRenderer().error(line, e.getMessage()));
          } else {
            session.err().println(e.getMessage());
          }
        }
      }
      return code;
    }
  }

  /** JSON is printed once checked; console text streams as the model writes it (llm mode). */
  private void answer(Citebot bot, String q) {
    if (json) {
      print(bot.ask(bot.newConversation(), q));
    } else {
      StreamingAsk.ask(bot, bot.newConversation(), q, session.out());
    }
  }

  private void print(Answer a) {
    session
        .out()
        .print(json ? new JsonRenderer().render(a) + "\n" : new ConsoleRenderer().render(a));
    session.out().flush();
  }
}
