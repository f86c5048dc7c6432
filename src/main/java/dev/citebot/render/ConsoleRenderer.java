package dev.citebot.render;

import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;

/** Plain console text: the answer, then one block per source with file, lines and quote. */
public final class ConsoleRenderer {
  private static final int QUOTE_CHARS = 240;

  public String render(Answer answer) {
    StringBuilder sb = new StringBuilder(answer.text()).append('\n');
    if (!answer.citations().isEmpty()) {
      sb.append('\n');
    }
    for (Citation c : answer.citations()) {
      sb.append('[').append(c.n()).append("] ").append(c.file()).append(", ");
      sb.append(lines(c)).append(" — ").append(c.title()).append('\n');
      sb.append("    \"").append(shorten(c.quote())).append("\"\n");
    }
    return sb.toString();
  }

  public static String lines(Citation c) {
    return c.firstLine() == c.lastLine()
        ? "line " + c.firstLine()
        : "lines " + c.firstLine() + "-" + c.lastLine();
  }

  static String shorten(String quote) {
    String flat = quote.replaceAll("\\s+", " ").strip();
    if (flat.length() <= QUOTE_CHARS) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', QUOTE_CHARS);
    return flat.substring(0, cut > QUOTE_CHARS / 2 ? cut : QUOTE_CHARS) + " …";
  }
}
