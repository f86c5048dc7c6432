package dev.citebot.retrieve;

import dev.citebot.index.Folding;
import dev.citebot.index.StopWords;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bundled English-Norwegian-Vietnamese vocabulary ({@code vocabulary/vocabulary.tsv}, about
 * 7,400 concepts; its sources and selection criterion are in the README beside it; read through the
 * lookup files generated from it, {@link VocabularyFile}) and two uses of it: {@link #expand} adds
 * to a question the words of the corpus's other languages for the common words it uses
 * ("population" brings "dân số" and "befolkning"), for offline cross-lingual retrieval; {@link
 * #concepts} names the concepts a text mentions, so that a sentence and its translation can be
 * compared. Names and numbers already match across languages through the folded field.
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

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{M}\\p{N}]+");

  /** Vietnamese tone marks (grave, acute, tilde, hook above, dot below) as NFD writes them. */
  private static final String TONES = "\u0300\u0301\u0303\u0309\u0323";

  /** Per language, read on first use: the files that map a word's keys to concept ids. */
  private final Lookup[] lookups = new Lookup[COLUMNS.size()];

  /** Per language, read on first use: the file of each concept's words. */
  private final VocabularyFile[] words = new VocabularyFile[COLUMNS.size()];

  /**
   * The words of one language by key: {@code written} keeps accents with each token's tone mark
   * last (only for words that have accents), {@code folded} drops them; keys are tokens separated
   * by one space. {@code longest} is the most tokens any word has.
   */
  private record Lookup(VocabularyFile written, VocabularyFile folded, int longest) {}

  private QueryTranslator() {}

  private Lookup lookup(int lang) {
    synchronized (lookups) {
      if (lookups[lang] == null) {
        String language = COLUMNS.get(lang);
        VocabularyFile written = VocabularyFile.bundled(keysFile(language, "written"));
        VocabularyFile folded = VocabularyFile.bundled(keysFile(language, "folded"));
        lookups[lang] = new Lookup(written, folded, folded.header(VocabularyFile.LONGEST));
      }
      return lookups[lang];
    }
  }

  private VocabularyFile words(int lang) {
    synchronized (words) {
      if (words[lang] == null) {
        words[lang] = VocabularyFile.bundled(wordsFile(COLUMNS.get(lang)));
      }
      return words[lang];
    }
  }

  /** The words of concept {@code id} in language {@code lang}. */
  private String[] cell(int id, int lang) {
    String cell = words(lang).get(VocabularyFile.id(id));
    if (cell == null) {
      throw new IllegalArgumentException("no concept " + id + " in the vocabulary");
    }
    return cell.split("\\|");
  }

  static String keysFile(String language, String kind) {
    return "keys-" + language + "-" + kind + ".tsv";
  }

  static String wordsFile(String language) {
    return "words-" + language + ".tsv";
  }

  private static String nfdLower(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      if (lower.charAt(i) >= 0x80) {
        return Normalizer.normalize(lower, Normalizer.Form.NFD);
      }
    }
    return lower;
  }

  /** The vocabulary that ships in the jar; its files are read when first needed. */
  public static QueryTranslator bundled() {
    return BUNDLED;
  }

  private static final QueryTranslator BUNDLED = new QueryTranslator();

  /** How many concepts the vocabulary has; ids run from 0 to size() - 1. */
  public int size() {
    return words(0).header(VocabularyFile.CONCEPTS);
  }

  /** The words of {@code concept} in {@code language}, as the vocabulary lists them. */
  public List<String> words(int concept, String language) {
    int lang = COLUMNS.indexOf(language);
    return lang < 0 ? List.of() : List.of(cell(concept, lang));
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
    Lookup lookup = lookup(lang);
    List<Token> tokens = tokens(text);
    Set<Integer> found = new LinkedHashSet<>();
    int i = 0;
    StringBuilder written = new StringBuilder();
    StringBuilder folded = new StringBuilder();
    while (i < tokens.size()) {
      // Extend the match token by token while some word starts so; keep the longest whole word.
      int best = 0;
      String bestIds = null;
      boolean accented = false;
      written.setLength(0);
      folded.setLength(0);
      for (int n = 1; n <= lookup.longest() && i + n <= tokens.size(); n++) {
        Token t = tokens.get(i + n - 1);
        if (n > 1) {
          written.append(' ');
          folded.append(' ');
        }
        written.append(t.written());
        folded.append(t.folded());
        accented |= t.accented();
        String key = accented ? written.toString() : folded.toString();
        VocabularyFile.Found match = (accented ? lookup.written() : lookup.folded()).find(key);
        if (match.value() != null) {
          best = n;
          bestIds = match.value();
        }
        if (!match.continues()) {
          break;
        }
      }
      if (bestIds != null && !(best == 1 && tokens.get(i).glue())) {
        // (A glue word of the index, "người" or "name", is grammar in a question, not a subject.)
        for (String id : bestIds.split(",")) {
          found.add(Integer.parseInt(id));
        }
      }
      i += Math.max(best, 1);
    }
    return Collections.unmodifiableSet(found);
  }

  /**
   * {@code question} followed by the words of {@code targets} for each concept it mentions (see
   * {@link #concepts}), words of several tokens written as glued pairs ({@link #asPairs}); the
   * question itself when there is nothing to add. The result is meant for the folded field.
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
        for (String word : cell(id, lang)) {
          added.add(asPairs(word));
        }
      }
    }
    return added.isEmpty() ? question : question + " " + String.join(" ", added);
  }

  /**
   * A word of several tokens as the folded field stores it: each pair of neighbours glued together
   * ("dân số" -> "dânsố", "chủ nghĩa xã hội" -> "chủnghĩa nghĩaxã xãhội"), so that it matches as a
   * unit and its syllables, each common on its own, do not match apart.
   */
  static String asPairs(String word) {
    String[] parts = NON_WORD.split(word.strip());
    if (parts.length < 2) {
      return word;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i + 1 < parts.length; i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(parts[i]).append(parts[i + 1]);
    }
    return sb.toString();
  }

  /** One word of a text: accents kept with the tone mark last, and folded. */
  private record Token(String nfd, String written, String folded, boolean accented) {
    /** Whether the index treats this word as glue; asked only of single-word matches. */
    boolean glue() {
      return StopWords.contains(Normalizer.normalize(nfd, Normalizer.Form.NFC));
    }
  }

  private static List<Token> tokens(String text) {
    String nfd = nfdLower(text);
    List<Token> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    StringBuilder f = new StringBuilder();
    int i = 0;
    while (i < nfd.length()) {
      if (!isWordChar(nfd.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < nfd.length() && isWordChar(nfd.charAt(i))) {
        i++;
      }
      String t = nfd.substring(start, i);
      keys(t, w, f);
      String folded = f.toString();
      out.add(new Token(t, w.toString(), folded, !folded.equals(t)));
    }
    return out;
  }

  private static boolean isWordChar(char c) {
    if (c < 0x80) { // most of every text: no Unicode tables needed
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
    return Character.isLetterOrDigit(c) || isMark(c);
  }

  private static boolean isMark(char c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /**
   * The keys of a word, its tokens in lower case NFD separated by one space: {@code written} keeps
   * the accents with each token's tone marks last ("hoà" and "hòa" both give "hoa" and the grave
   * accent), {@code folded} drops them and writes đ as d, as {@link Folding} does.
   */
  record Keys(String written, String folded, int tokens) {
    static Keys of(String word) {
      StringBuilder w = new StringBuilder();
      StringBuilder f = new StringBuilder();
      int tokens = keys(nfdLower(word), w, f);
      return new Keys(w.toString(), f.toString(), tokens);
    }
  }

  /** The keys of a word in lower case NFD into the two builders; returns its number of tokens. */
  private static int keys(String nfd, StringBuilder written, StringBuilder folded) {
    written.setLength(0);
    folded.setLength(0);
    StringBuilder tones = new StringBuilder(2);
    int tokens = 0;
    boolean inToken = false;
    for (int i = 0; i <= nfd.length(); i++) {
      char c = i < nfd.length() ? nfd.charAt(i) : ' ';
      if (isWordChar(c)) {
        if (!inToken) {
          if (tokens > 0) {
            written.append(' ');
            folded.append(' ');
          }
          tokens++;
          inToken = true;
        }
        if (TONES.indexOf(c) >= 0) {
          tones.append(c);
        } else {
          written.append(c);
        }
        if (!isMark(c)) {
          folded.append(c == 'đ' ? 'd' : c);
        }
      } else if (inToken) {
        written.append(tones);
        tones.setLength(0);
        inToken = false;
      }
    }
    return tokens;
  }
}
