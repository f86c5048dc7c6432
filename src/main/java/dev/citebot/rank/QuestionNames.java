package dev.citebot.rank;

import dev.citebot.index.Folding;
import dev.citebot.index.StopWords;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a question: runs of capitalised words that are not glue words ("North Korea", "Tô
 * Lâm", "Hanoi"). A sentence that answers a question about a name mentions that name, in any
 * language: names are compared folded and without spaces, so "Hanoi" meets "Hà Nội" and "To Lam"
 * meets "Tô Lâm".
 */
final class QuestionNames {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");

  /** Prior: shorter names ("Mr", "Ho") match too much of unrelated text when squashed. */
  private static final int SHORTEST = 3;

  private final List<String> names = new ArrayList<>();
  private final List<String> written = new ArrayList<>();

  QuestionNames(String question) {
    int from = -1;
    int to = -1;
    Matcher m = WORD.matcher(question);
    while (m.find()) {
      String w = m.group();
      boolean name =
          Character.isUpperCase(w.codePointAt(0))
              && !StopWords.contains(w.toLowerCase(Locale.ROOT));
      if (name) {
        from = from < 0 ? m.start() : from;
        to = m.end();
      } else if (from >= 0) {
        add(question.substring(from, to));
        from = -1;
      }
    }
    if (from >= 0) {
      add(question.substring(from, to));
    }
  }

  private void add(String original) {
    String squashed = squash(original);
    if (squashed.length() >= SHORTEST && !names.contains(squashed)) {
      names.add(squashed);
      written.add(original);
    }
  }

  /** Folded, with everything but letters and digits removed. */
  static String squash(String text) {
    return Folding.fold(text).replaceAll("[^\\p{L}\\p{N}]+", "");
  }

  /** The names, squashed. */
  List<String> names() {
    return List.copyOf(names);
  }

  /** The names as the question writes them, in the order of {@link #names()}. */
  List<String> written() {
    return List.copyOf(written);
  }

  /**
   * The share of the names found in {@code squashedText} (see {@link #squash}); 1 when the question
   * names nothing, so a question without names is not held against a sentence.
   */
  double share(String squashedText) {
    if (names.isEmpty()) {
      return 1;
    }
    int found = 0;
    for (String n : names) {
      found += squashedText.contains(n) ? 1 : 0;
    }
    return found / (double) names.size();
  }
}
