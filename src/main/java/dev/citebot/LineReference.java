package dev.citebot;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines of a file as people write them, in the console ({@code show}) and in Telegram ({@code
 * /show}): {@code FILE}, {@code FILE:FROM} or {@code FILE:FROM-TO}.
 *
 * @param file the file as given (any characters, newlines included: file names may hold them)
 * @param from first line, 1-based
 * @param to last line, inclusive; {@link Integer#MAX_VALUE} for "to the end"
 */
public record LineReference(String file, int from, int to) {
  private static final Pattern FORMAT =
      Pattern.compile("(.+?)(?::(\\d+)(?:-(\\d+))?)?", Pattern.DOTALL);

  /** The reference in {@code text}, or empty when there is no file name. */
  public static Optional<LineReference> parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text);
    if (!m.matches()) {
      return Optional.empty();
    }
    int from = m.group(2) == null ? 1 : lineNumber(m.group(2));
    int to =
        m.group(3) != null ? lineNumber(m.group(3)) : m.group(2) != null ? from : Integer.MAX_VALUE;
    return Optional.of(new LineReference(m.group(1), from, to));
  }

  /**
   * A line number of any length of digits: one past what an int holds is past the end of every file
   * anyway, so it becomes the largest int rather than an overflow error.
   */
  private static int lineNumber(String digits) {
    String significant = digits.replaceFirst("^0+(?=.)", "");
    if (significant.length() > 10) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.min(Integer.MAX_VALUE, Long.parseLong(significant));
  }
}
