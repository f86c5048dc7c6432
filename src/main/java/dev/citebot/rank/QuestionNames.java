package dev.citebot.rank;

import dev.citebot.index.Folding;
import dev.citebot.index.StopWords;
import dev.citebot.retrieve.QueryTranslator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names of a question: runs of capitalised words that are not glue words ("North Korea", "Tô
 * Lâm", "Hanoi"). A sentence that answers a question about a name mentions that name, in any
 * language: names are compared folded and without spaces, so "Hanoi" meets "Hà Nội" and "To Lam"
 * meets "Tô Lâm"; a name the vocabulary translates ("North Korea", "Triều Tiên") also counts when
 * the text holds its concept.
 */
final class QuestionNames {
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");

  private static final Pattern POSSESSIVE = Pattern.compile("['’][sS]\\b");

  /** Prior: shorter names ("Mr", "Ho") match too much of unrelated text when squashed. */
  private static final int SHORTEST = 3;

  /** A name, squashed, with its concepts in the vocabulary (empty when it has none). */
  record Name(String squashed, Set<Integer> concepts) {
    boolean in(Mentions text) {
      return text.squashed().contains(squashed) || !Collections.disjoint(concepts, text.concepts());
    }
  }

  private final List<Name> names = new ArrayList<>();

  QuestionNames(String question, QueryTranslator vocabulary, String language) {
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
        add(question.substring(from, to), vocabulary, language);
        from = -1;
      }
    }
    if (from >= 0) {
      add(question.substring(from, to), vocabulary, language);
    }
  }

  private void add(String written, QueryTranslator vocabulary, String language) {
    written = POSSESSIVE.matcher(written).replaceAll(""); // "Luther's" names Luther
    String squashed = squash(written);
    if (squashed.length() >= SHORTEST
        && names.stream().noneMatch(n -> n.squashed().equals(squashed))) {
      names.add(new Name(squashed, vocabulary.concepts(written, language)));
    }
  }

  /** Folded, with everything but letters and digits removed. */
  static String squash(String text) {
    return Folding.fold(text).replaceAll("[^\\p{L}\\p{N}]+", "");
  }

  List<Name> names() {
    return List.copyOf(names);
  }

  /**
   * The share of the names that {@code text} mentions; 1 when the question names nothing, so a
   * question without names is not held against a sentence.
   */
  double share(Mentions text) {
    if (names.isEmpty()) {
      return 1;
    }
    int found = 0;
    for (Name n : names) {
      found += n.in(text) ? 1 : 0;
    }
    return found / (double) names.size();
  }
}
