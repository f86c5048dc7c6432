package dev.citebot.answer;

import dev.citebot.ingest.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Fits one sentence to the answer's length limit. A sentence that is only somewhat over the limit
 * is quoted whole; a longer one is cut to the run of its clauses (split after , ; : and a space)
 * that holds the kind of fact the question asks for (a year for "when", a number for "how many"),
 * and of those the run that holds most of the question's words. The quote stays verbatim; the
 * answer text marks what was left out with "…".
 */
final class QuoteFitter {
  /** Prior: a sentence up to half again as long as the limit reads better whole than cut. */
  static final double WHOLE_SENTENCE_SLACK = 1.5;

  /**
   * A quote and how to show it.
   *
   * @param quote the verbatim part of the sentence that is quoted, with its own lines
   * @param cutBefore the sentence goes on before the quote
   * @param cutAfter the sentence goes on after the quote
   */
  record Fitted(Sentence quote, boolean cutBefore, boolean cutAfter) {
    /** The quote as the answer shows it: whitespace flattened, the cuts marked with "…". */
    String display() {
      // A list item quoted alone loses its marker; one that ends with ',' or ';' (an item, or a
      // sentence the article breaks off) reads as unfinished: say so.
      String flat =
          ListQuotes.ITEM_MARK
              .matcher(quote.text().replaceAll("\\s+", " ").strip())
              .replaceFirst("");
      boolean unfinished = flat.endsWith(",") || flat.endsWith(";");
      if (unfinished) {
        flat = flat.substring(0, flat.length() - 1);
      }
      return (cutBefore ? "… " : "") + flat + (cutAfter || unfinished ? " …" : "");
    }
  }

  private final int maxChars;

  QuoteFitter(int maxChars) {
    this.maxChars = maxChars;
  }

  /**
   * @param typeMatch how well a clause holds the asked-for kind of fact (0..1)
   * @param coverage how much of the question's words a clause holds (0..1)
   */
  Fitted fit(Sentence s, ToDoubleFunction<String> typeMatch, ToDoubleFunction<String> coverage) {
    String text = s.text();
    if (text.length() <= maxChars * WHOLE_SENTENCE_SLACK) {
      return new Fitted(s, false, false);
    }
    List<Integer> cuts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length() - 1; i++) {
      char ch = text.charAt(i);
      if ((ch == ',' || ch == ';' || ch == ':') && Character.isWhitespace(text.charAt(i + 1))) {
        cuts.add(i + 1);
      }
    }
    cuts.add(text.length());
    int bestFrom = 0;
    int bestTo = cuts.size() - 1;
    double bestMatch = -1;
    double bestCoverage = -1;
    for (int a = 0; a < cuts.size() - 1; a++) {
      int b = a + 1;
      while (b + 1 < cuts.size() && cuts.get(b + 1) - cuts.get(a) <= maxChars) {
        b++;
      }
      String run = text.substring(cuts.get(a), cuts.get(b));
      // The asked-for fact first: the question's words only say where it is, the fact answers.
      double match = typeMatch.applyAsDouble(run);
      double cover = coverage.applyAsDouble(run);
      if (match > bestMatch || (match == bestMatch && cover > bestCoverage)) {
        bestMatch = match;
        bestCoverage = cover;
        bestFrom = a;
        bestTo = b;
      }
    }
    int from = cuts.get(bestFrom);
    int to = cuts.get(bestTo);
    return new Fitted(clause(s, from, to), from > 0, to < text.length());
  }

  /**
   * The part [from, to) of a sentence with its own offsets and lines, trimmed of whitespace and of
   * the separator it was cut after (a quote never ends on a comma).
   */
  static Sentence clause(Sentence s, int from, int to) {
    String text = s.text();
    boolean inside = to < text.length();
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from
        && (Character.isWhitespace(text.charAt(to - 1))
            || (inside && ",;:".indexOf(text.charAt(to - 1)) >= 0))) {
      to--;
    }
    int firstLine = s.firstLine() + lineBreaks(text, 0, from);
    int lastLine = firstLine + lineBreaks(text, from, to);
    return new Sentence(
        text.substring(from, to), s.start() + from, s.start() + to, firstLine, lastLine);
  }

  /** Line breaks (\n, \r\n or a lone \r) in text[from, to). */
  private static int lineBreaks(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }
}
