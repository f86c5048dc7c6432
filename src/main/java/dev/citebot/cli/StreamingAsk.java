package dev.citebot.cli;

import dev.citebot.Citebot;
import dev.citebot.answer.Answer;
import dev.citebot.answer.Conversation;
import dev.citebot.render.ConsoleRenderer;
import java.io.PrintWriter;

/**
 * Asks with the answer shown on the console while the model writes it (llm mode), then the sources
 * once the citations are checked. When the check replaced the model's text (the extractive
 * fallback), the checked answer follows in full; in extractive mode nothing streams and the answer
 * is printed as usual.
 */
final class StreamingAsk {
  private StreamingAsk() {}

  static Answer ask(Citebot bot, Conversation conversation, String question, PrintWriter out) {
    StringBuilder shown = new StringBuilder();
    Answer answer =
        bot.ask(
            conversation,
            question,
            piece -> {
              shown.append(piece);
              out.print(piece);
              out.flush();
            });
    String rendered = new ConsoleRenderer().render(answer);
    if (shown.isEmpty()) {
      out.print(rendered);
    } else if (shown.toString().strip().equals(answer.text().strip())) {
      out.print(rendered.substring(answer.text().length()));
    } else {
      out.print("\n\n" + rendered);
    }
    out.flush();
    return answer;
  }
}
