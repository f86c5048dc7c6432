package dev.citebot.render;

import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;

/** Plain console text: the answer, then one block per source with file, lines and quote. */
public final class ConsoleRenderer {
  private static final int QUOTE_CHARS = 240;

  /** Control characters other than tab and newline; an article could hide terminal escapes. */
  private static final java.util.regex.Pattern CONTROL =
      java.util.regex.Pattern.compile("[\\p{Cc}&&[^\\t\\n]]");

  private static final java.util.regex.Pattern NAME_CONTROL =
      java.util.regex.Pattern.compile("\\p{Cc}");

  /** Text from articles or users, safe to print on a terminal. */
  public static String printable(String text) {
    return CONTROL.matcher(text).replaceAll("\uFFFD");
  }

  /**
   * A file name, safe to print on one line: newlines and tabs too become U+FFFD ({@code show}
   * accepts the name in this form).
   */
  public static String printableName(String name) {
    return NAME_CONTROL.matcher(name).replaceAll("\uFFFD");
  }

  public String render(Answer answer) {
    return printable(plain(answer));
  }

  private String plain(Answer answer) {
    StringBuilder sb = new StringBuilder(answer.text()).append('\n');
    if (!answer.citations().isEmpty()) {
      sb.append('\n');
    }
    for (Citation c : answer.citations()) {
      sb.append('[').append(c.n()).append("] ").append(printableName(c.file())).append(", ");
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
