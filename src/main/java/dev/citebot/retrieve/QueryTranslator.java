package dev.citebot.retrieve;

import dev.citebot.index.Folding;
import dev.citebot.index.StopWords;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bundled English-Norwegian-Vietnamese vocabulary ({@code vocabulary/vocabulary.tsv}, about
 * 3,500 concepts; its sources and selection criterion are in the README beside it) and two uses of
 * it: {@link #expand} adds to a question the words of the corpus's other languages for the common
 * words it uses ("population" brings "dân số" and "befolkning"), for offline cross-lingual
 * retrieval; {@link #concepts} names the concepts a text mentions, so that a sentence and its
 * translation can be compared. Names and numbers already match across languages through the folded
 * field.
 *
 * <p>Words are matched whole, as token sequences of one to a few tokens, longest first ("dân số" is
 * one concept, not "dân" and "số"), case ignored. A word written with accents matches only a
 * vocabulary word with the same accents (Vietnamese tones carry meaning: "bán" is not "bàn"), with
 * the tone mark on either vowel ("hoà" and "hòa"); a word written without any accent (typed on a
 * keyboard without Vietnamese input) matches every vocabulary word that folds to it. A single word
 * that the index treats as glue ({@link StopWords}: "người", "name") names no concept.
 */
public final class QueryTranslator {
  static final List<String> COLUMNS = List.of("en", "no", "vi");

  static final String RESOURCE = "/vocabulary/vocabulary.tsv";

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

  /** Vietnamese tone marks (grave, acute, tilde, hook above, dot below) as NFD writes them. */
  private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";

  /** concept id -> language index -> words, as the file lists them. */
  private final List<List<List<String>>> words;

  /** Per language: token key (accents kept, tone last) of a word -> concept ids. */
  private final List<Map<String, int[]>> written;

  /** Per language: folded token key of a word -> concept ids. */
  private final List<Map<String, int[]>> folded;

  /** Per language: the most tokens any of its words has. */
  private final int[] longest;

  private QueryTranslator(List<List<List<String>>> words) {
    this.words = words;
    this.written = new ArrayList<>();
    this.folded = new ArrayList<>();
    this.longest = new int[COLUMNS.size()];
    for (int lang = 0; lang < COLUMNS.size(); lang++) {
      Map<String, List<Integer>> w = new HashMap<>();
      Map<String, List<Integer>> f = new HashMap<>();
      for (int id = 0; id < words.size(); id++) {
        for (String word : words.get(id).get(lang)) {
          List<Token> tokens = tokens(word);
          if (tokens.isEmpty()) {
            continue;
          }
          longest[lang] = Math.max(longest[lang], tokens.size());
          add(w, key(tokens, 0, tokens.size(), false), id);
          add(f, key(tokens, 0, tokens.size(), true), id);
        }
      }
      written.add(frozen(w));
      folded.add(frozen(f));
    }
  }

  private static void add(Map<String, List<Integer>> map, String key, int id) {
    List<Integer> ids = map.computeIfAbsent(key, k -> new ArrayList<>(1));
    if (!ids.contains(id)) {
      ids.add(id);
    }
  }

  private static Map<String, int[]> frozen(Map<String, List<Integer>> map) {
    Map<String, int[]> out = new HashMap<>(map.size() * 2);
    map.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
    return Collections.unmodifiableMap(out);
  }

  /** The vocabulary that ships in the jar, read once. */
  public static QueryTranslator bundled() {
    return Bundled.INSTANCE;
  }

  private static final class Bundled {
    static final QueryTranslator INSTANCE = load();
  }

  private static QueryTranslator load() {
    try (InputStream in = QueryTranslator.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<List<List<String>>> concepts = new ArrayList<>(4096);
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (cells.length != COLUMNS.size()) {
          throw new IllegalStateException(RESOURCE + ": a line without three columns: " + line);
        }
        List<List<String>> concept = new ArrayList<>(cells.length);
        for (String cell : cells) {
          concept.add(List.of(cell.strip().split("\\|")));
        }
        concepts.add(List.copyOf(concept));
      }
      return new QueryTranslator(List.copyOf(concepts));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** How many concepts the vocabulary has; ids run from 0 to size() - 1. */
  public int size() {
    return words.size();
  }

  /** The words of {@code concept} in {@code language}, as the vocabulary lists them. */
  public List<String> words(int concept, String language) {
    int lang = COLUMNS.indexOf(language);
    return lang < 0 ? List.of() : words.get(concept).get(lang);
  }

  /**
   * The ids of the concepts whose words of {@code language} occur in {@code text}: whole words,
   * longest match first, accents compared as the class comment says; empty for a language the
   * vocabulary does not have.
   */
  public Set<Integer> concepts(String text, String language) {
    int lang = COLUMNS.indexOf(language);
    if (lang < 0 || text == null || text.isBlank()) {
      return Set.of();
    }
    List<Token> tokens = tokens(text);
    Set<Integer> found = new LinkedHashSet<>();
    int i = 0;
    while (i < tokens.size()) {
      int matched = 0;
      for (int n = Math.min(longest[lang], tokens.size() - i); n >= 1 && matched == 0; n--) {
        int[] ids = lookup(lang, tokens, i, n);
        if (ids != null && n == 1 && tokens.get(i).glue()) {
          // A glue word of the index ("người", "name") is grammar in a question, not a subject.
          matched = 1;
        } else if (ids != null) {
          for (int id : ids) {
            found.add(id);
          }
          matched = n;
        }
      }
      i += Math.max(matched, 1);
    }
    return Collections.unmodifiableSet(found);
  }

  private int[] lookup(int lang, List<Token> tokens, int from, int n) {
    boolean accented = false;
    for (int i = from; i < from + n; i++) {
      accented |= tokens.get(i).accented();
    }
    return accented
        ? written.get(lang).get(key(tokens, from, from + n, false))
        : folded.get(lang).get(key(tokens, from, from + n, true));
  }

  /**
   * {@code question} followed by the words of {@code targets} for each concept it mentions (see
   * {@link #concepts}); the question itself when there is nothing to add.
   */
  public String expand(String question, String language, Set<String> targets) {
    if (!COLUMNS.contains(language)) {
      return question;
    }
    List<Integer> to = new ArrayList<>();
    for (String target : targets) {
      if (!target.equals(language) && COLUMNS.contains(target)) {
        to.add(COLUMNS.indexOf(target));
      }
    }
    if (to.isEmpty()) {
      return question;
    }
    Collections.sort(to);
    Set<String> added = new LinkedHashSet<>();
    for (int id : concepts(question, language)) {
      for (int lang : to) {
        added.addAll(words.get(id).get(lang));
      }
    }
    return added.isEmpty() ? question : question + " " + String.join(" ", added);
  }

  /** One word of a text: accents kept with the tone mark last, and folded. */
  private record Token(String written, String folded, boolean accented, boolean glue) {}

  private static List<Token> tokens(String text) {
    String nfd = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
    List<Token> out = new ArrayList<>();
    for (String t : NON_WORD.split(nfd)) {
      if (t.isEmpty()) {
        continue;
      }
      String f = Folding.fold(t);
      boolean glue = StopWords.contains(Normalizer.normalize(t, Normalizer.Form.NFC));
      out.add(new Token(toneLast(t), f, !f.equals(t), glue));
    }
    return out;
  }

  /** "hoà" and "hòa" (NFD) both become "hoa" + grave: the tone mark's place does not count. */
  private static String toneLast(String nfd) {
    StringBuilder base = new StringBuilder(nfd.length());
    StringBuilder tones = new StringBuilder(1);
    for (int i = 0; i < nfd.length(); i++) {
      char c = nfd.charAt(i);
      (TONES.indexOf(c) >= 0 ? tones : base).append(c);
    }
    return tones.length() == 0 ? nfd : base.append(tones).toString();
  }

  private static String key(List<Token> tokens, int from, int to, boolean fold) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (i > from) {
        sb.append(' ');
      }
      sb.append(fold ? tokens.get(i).folded() : tokens.get(i).written());
    }
    return sb.toString();
  }
}
