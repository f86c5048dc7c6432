package dev.citebot.retrieve;

import dev.citebot.index.Folding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds to a question the words of the other corpus languages for the common words it uses, from a
 * small bundled English-Norwegian-Vietnamese word list (lexicon.tsv): "population" brings "dân số"
 * and "befolkning". Offline cross-lingual retrieval without a model; names and numbers already
 * match across languages through the folded field.
 */
public final class QueryTranslator {
  static final List<String> COLUMNS = List.of("en", "no", "vi");

  /** One concept: its words in each language of {@link #COLUMNS}. */
  private record Concept(Map<String, List<String>> words) {}

  private final List<Concept> concepts;

  private QueryTranslator(List<Concept> concepts) {
    this.concepts = List.copyOf(concepts);
  }

  /** The word list that ships in the jar. */
  public static QueryTranslator bundled() {
    try (InputStream in = QueryTranslator.class.getResourceAsStream("/lexicon.tsv")) {
      if (in == null) {
        throw new IllegalStateException("lexicon.tsv is missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<Concept> concepts = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        if (cells.length != COLUMNS.size()) {
          throw new IllegalStateException("lexicon.tsv: a line without three columns: " + line);
        }
        Map<String, List<String>> words = new java.util.HashMap<>();
        for (int i = 0; i < cells.length; i++) {
          words.put(COLUMNS.get(i), List.of(cells[i].strip().split("\\|")));
        }
        concepts.add(new Concept(words));
      }
      return new QueryTranslator(concepts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String folded(String text) {
    return " " + String.join(" ", Folding.fold(text).split("[^\\p{L}\\p{N}]+")) + " ";
  }

  /**
   * {@code question} followed by the words of {@code targets} for each listed word it contains
   * (whole words, accents and case ignored); the question itself when there is nothing to add.
   */
  public String expand(String question, String language, Set<String> targets) {
    if (!COLUMNS.contains(language)) {
      return question;
    }
    String folded = folded(question);
    Set<String> added = new LinkedHashSet<>();
    for (Concept c : concepts) {
      boolean used =
          c.words().get(language).stream()
              .anyMatch(w -> folded.contains(" " + Folding.fold(w) + " "));
      if (!used) {
        continue;
      }
      for (String target : targets) {
        if (!target.equals(language) && COLUMNS.contains(target)) {
          added.addAll(c.words().get(target));
        }
      }
    }
    return added.isEmpty() ? question : question + " " + String.join(" ", added);
  }
}
