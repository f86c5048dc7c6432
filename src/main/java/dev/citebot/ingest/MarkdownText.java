package dev.citebot.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The blocks of a Markdown file, cleaned the way {@link HtmlText} cleans a page: each line without
 * its block markup (heading "#", list markers "-", "*", "1.", quote ">"), headings and list items
 * as blocks of their own, rules, code and image lines left out. Spans point into the file, so lines
 * stay those of the file. Inline markup (emphasis, links) inside a sentence stays in the citable
 * text, so every quote is found verbatim in the file; it is removed where text is shown ({@link
 * #plain}).
 */
public final class MarkdownText {
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+|$)");
  private static final Pattern CLOSING_HASHES = Pattern.compile("[ \\t]+#+[ \\t]*$");
  private static final Pattern LIST_ITEM = Pattern.compile("^[ \\t]*(?:[-*+]|\\d{1,9}[.)])[ \\t]+");
  private static final Pattern QUOTE = Pattern.compile("^ {0,3}(?:>[ \\t]?)+");
  private static final Pattern RULE = Pattern.compile("^ {0,3}(?:([-*_])[ \\t]*){3,}$");
  private static final Pattern UNDERLINE = Pattern.compile("^ {0,3}(?:=+|-+)[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(?:```|~~~)");
  private static final Pattern IMAGE_LINE = Pattern.compile("^\\s*!\\[[^\\]]*]\\([^)]*\\)\\s*$");
  private static final Pattern LINK_DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+]:\\s*\\S+");
  private static final Pattern TABLE_RULE = Pattern.compile("^[ \\t]*\\|?[ \\t:|-]*-[ \\t:|-]*$");

  private MarkdownText() {}

  /**
   * The blocks of {@code text} in order; empty spans are paragraph breaks (before and after a
   * heading, before each list item).
   */
  public static List<TextSpan> blocks(String text) {
    List<TextSpan> out = new ArrayList<>();
    boolean inCode = false;
    for (LineIndex.Line line : new LineIndex(text).lines()) {
      String s = text.substring(line.start(), line.end());
      if (FENCE.matcher(s).find()) {
        inCode = !inCode;
        out.add(breakAt(line.end()));
        continue;
      }
      if (inCode
          || RULE.matcher(s).matches()
          || UNDERLINE.matcher(s).matches()
          || IMAGE_LINE.matcher(s).matches()
          || LINK_DEFINITION.matcher(s).find()
          || (s.contains("-") && s.contains("|") && TABLE_RULE.matcher(s).matches())) {
        out.add(breakAt(line.end()));
        continue;
      }
      int start = line.start();
      int end = line.end();
      Matcher m = QUOTE.matcher(s);
      if (m.find()) {
        start += m.end();
      }
      String rest = text.substring(start, end);
      Matcher h = HEADING.matcher(rest);
      if (h.find()) {
        // A heading is a block of its own, without its "#" marks (closing ones too).
        Matcher closing = CLOSING_HASHES.matcher(text.substring(start + h.end(), end));
        int to = closing.find() ? start + h.end() + closing.start() : end;
        out.add(breakAt(start));
        out.add(new TextSpan(start + h.end(), Math.max(start + h.end(), to)));
        out.add(breakAt(end));
        continue;
      }
      Matcher item = LIST_ITEM.matcher(rest);
      if (item.find()) {
        out.add(breakAt(start)); // each item is judged and split on its own
        start += item.end();
      }
      out.add(new TextSpan(start, end));
    }
    return out;
  }

  private static TextSpan breakAt(int offset) {
    return new TextSpan(offset, offset);
  }

  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]+)]\\([^)]*\\)");
  private static final Pattern STRONG = Pattern.compile("(\\*\\*|__)(?=\\S)(.+?)(?<=\\S)\\1");
  private static final Pattern EMPHASIS =
      Pattern.compile("(?<![\\p{L}\\p{N}*_])([*_])(?=\\S)(.+?)(?<=\\S)\\1(?![\\p{L}\\p{N}*_])");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  /**
   * {@code s} with inline Markdown removed: links and images become their text, emphasis and code
   * marks go. What a reader is shown of a quote from a Markdown file.
   */
  public static String plain(String s) {
    String out = IMAGE.matcher(s).replaceAll("$1");
    out = LINK.matcher(out).replaceAll("$1");
    out = STRONG.matcher(out).replaceAll("$2");
    out = EMPHASIS.matcher(out).replaceAll("$2");
    return CODE.matcher(out).replaceAll("$1");
  }

  public static boolean isMarkdown(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".md") || lower.endsWith(".markdown");
  }
}
