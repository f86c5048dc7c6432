package dev.citebot.rank;

import java.util.HashSet;
import java.util.Set;

/**
 * What a piece of text mentions in a way that survives translation: its letters and digits folded
 * and squashed (so names match however they are spaced and accented, see {@link QuestionNames}) and
 * the vocabulary concepts it holds (so "population" meets "dân số").
 */
record Mentions(String squashed, Set<Integer> concepts) {
  Mentions {
    concepts = Set.copyOf(concepts);
  }

  /** This text and {@code other} together (a sentence with its title, a whole passage). */
  Mentions with(Mentions other) {
    Set<Integer> all = new HashSet<>(concepts);
    all.addAll(other.concepts);
    return new Mentions(squashed + " " + other.squashed, all);
  }
}
