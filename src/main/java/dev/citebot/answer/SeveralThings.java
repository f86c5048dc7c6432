package dev.citebot.answer;

import dev.citebot.index.Folding;
import java.util.regex.Pattern;

/**
 * Whether a question asks for several things ("Which documents…", "những văn kiện nào", "hvilke
 * dokumenter"): then a list in the articles is its answer, quoted whole.
 */
final class SeveralThings {
  /**
   * On folded text (lower case, no accents). English: "which/what" before a plural noun, "what
   * are", "list"; Vietnamese: "những/các … nào/gì"; Norwegian: "hvilke" (the plural of "hvilken"),
   * "hva er" + plural is left out (too often singular).
   */
  private static final Pattern PLURAL_ASK =
      Pattern.compile(
          "\\b(which|what)\\s+(\\w+\\s+)?(?!(does|was|has|is)\\b)\\w{3,}(?<![siu])s\\b"
              + "|\\b(what|which) (are|were)\\b|\\b(list|name) (all|the)\\b"
              + "|\\b(nhung|cac)\\b.*\\b(nao|gi)\\b"
              + "|\\bhvilke\\b");

  private SeveralThings() {}

  static boolean asked(String question) {
    return PLURAL_ASK.matcher(Folding.fold(question)).find();
  }
}
