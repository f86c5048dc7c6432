package dev.citebot.answer;

import dev.citebot.index.Folding;
import dev.citebot.index.IndexedPassage;
import dev.citebot.retrieve.QueryTranslator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a claim of the model's answer is supported by the passage it cites. The rule is lexical
 * and the same for every claim, whatever its length or language:
 *
 * <ol>
 *   <li>The claim's content words are its words folded (lower case, no accents) without glue words
 *       ({@link CitationChecker#words}). A word counts as found in the passage when the passage
 *       (its text or title) has it, or has it written as two words ("Vietnam" / "Việt Nam", "Hanoi"
 *       / "Hà Nội"), or when it is a word of a concept of the translation vocabulary ({@link
 *       QueryTranslator#concepts}) that the claim and the passage both mention, each in its own
 *       language ("signed" / "ký", "memorandum of understanding" / "bản ghi nhớ"), or in one
 *       language by two of the concept's words ("agreement" / "treaty").
 *   <li>Every number in the claim must be in the passage: a wrong year or count is the commonest
 *       unsupported claim, and numbers are written alike in every language.
 *   <li>When claim and passage share a language, every name in the claim (a capitalised word not
 *       opening a sentence) must be found in the passage or be a word of the question: the question
 *       may call the country "North Korea" where the passage says "DPRK", but a person the passage
 *       does not name is not from it. Across languages names are translated ("North Korea" / "Triều
 *       Tiên", "Ministry of Foreign Affairs" / "Bộ Ngoại giao"), so there they only count towards
 *       the share below.
 *   <li>At least two thirds of the content words (one third when the passage is in another
 *       language, where the vocabulary misses many words) must be found in the passage. Words are
 *       compared by a light stem (plural "s", "-ed", "-ing", "-er", "-en", "-et" cut off), so
 *       "agreements" meets "agreement" and "signed" meets "signing".
 *   <li>A claim must say something checkable: at least two content words, or a single number. A
 *       bare word ("HACKED") is not supported even by a passage that contains it.
 * </ol>
 *
 * What this proves: the claim is made of the cited passage's words, numbers and names. What it does
 * not prove: that the passage says what the claim says with them (a negation, a swapped subject);
 * the reader checks that by opening the cited lines.
 */
final class ClaimSupport {
  /**
   * Share of the claim's content words a passage in the claim's language must have: two of three,
   * so one word in three may be the model's own ("The two countries signed…" for "Both sides
   * signed…"), but two made-up words in five ("…festival was built by aliens") are too many.
   */
  static final double SAME_LANGUAGE_SHARE = 2.0 / 3;

  /** Share when the passage is in another language (only the vocabulary links the words). */
  static final double OTHER_LANGUAGE_SHARE = 1.0 / 3;

  private static final List<String> ENDINGS = List.of("ing", "ene", "ed", "er", "en", "et");

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+");

  private final QueryTranslator translator;
  private final Set<String> questionWords;
  private final String language;
  private final Map<IndexedPassage, Set<String>> vocabularies = new HashMap<>();
  private final Map<IndexedPassage, Set<Integer>> passageConcepts = new HashMap<>();

  /**
   * @param question the question and its standalone form, whose words may name things in a claim
   * @param language the language the claims are written in (the question's)
   */
  ClaimSupport(QueryTranslator translator, String question, String language) {
    this.translator = translator;
    this.questionWords = new HashSet<>(folded(question));
    this.language = language;
  }

  /** Why {@code claim} is not supported by {@code passage}, or null when it is. */
  String problem(String claim, IndexedPassage passage) {
    List<Word> words = contentWords(claim);
    if (words.isEmpty()) {
      return "says nothing checkable";
    }
    if (words.size() == 1 && !words.get(0).number()) {
      return "is a single word (\"" + words.get(0).folded() + "\")";
    }
    boolean sameLanguage = passage.language().equals(language) || "und".equals(language);
    Set<String> vocabulary = vocabularies.computeIfAbsent(passage, ClaimSupport::vocabulary);
    Set<String> shared = sharedConceptWords(claim, passage);
    boolean[] found = new boolean[words.size()];
    int foundCount = 0;
    for (int i = 0; i < words.size(); i++) {
      Word w = words.get(i);
      if (vocabulary.contains(stem(w.folded())) || shared.contains(stem(w.folded()))) {
        found[i] = true;
      } else if (i + 1 < words.size()
          && words.get(i + 1).start() == w.end() + 1
          && vocabulary.contains(stem(w.folded() + words.get(i + 1).folded()))) {
        found[i] = true; // "Hà Nội" in the claim, "Hanoi" in the passage
        found[i + 1] = true;
      }
    }
    for (int i = 0; i < words.size(); i++) {
      Word w = words.get(i);
      foundCount += found[i] ? 1 : 0;
      if (!found[i] && w.number()) {
        return "has a number the passage does not (" + w.folded() + ")";
      }
      if (!found[i] && w.name() && sameLanguage && !questionWords.contains(w.folded())) {
        return "has a name the passage does not (" + w.text() + ")";
      }
    }
    double share = sameLanguage ? SAME_LANGUAGE_SHARE : OTHER_LANGUAGE_SHARE;
    if (foundCount < share * words.size() - 1e-9) {
      return "shares %d of %d words with the passage".formatted(foundCount, words.size());
    }
    return null;
  }

  /** A content word of a claim, where it stands, and whether it is a number or a name. */
  private record Word(
      String text, String folded, int start, int end, boolean number, boolean name) {}

  /** The claim's content words in order (repeats kept once). */
  private static List<Word> contentWords(String claim) {
    List<Word> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Matcher m = TOKEN.matcher(claim);
    while (m.find()) {
      String text = m.group();
      String folded = normalised(Folding.fold(text));
      if (folded.isEmpty() || !CitationChecker.isContentWord(folded) || !seen.add(folded)) {
        continue;
      }
      boolean number = Character.isDigit(folded.charAt(0));
      boolean name =
          !number && Character.isUpperCase(text.codePointAt(0)) && !opensSentence(claim, m.start());
      out.add(new Word(text, folded, m.start(), m.end(), number, name));
    }
    return out;
  }

  /** Whether the word at {@code at} opens a sentence, a line or a list item of the claim. */
  private static boolean opensSentence(String claim, int at) {
    for (int i = at - 1; i >= 0; i--) {
      char c = claim.charAt(i);
      if (c == ' ' || c == '\t' || c == '\u00a0') {
        continue;
      }
      return !(Character.isLetterOrDigit(c) || c == ',' || c == '\'' || c == '’' || c == '-');
    }
    return true;
  }

  /** Numbers as their leading digits ("80th" and "80" are one number), other words as they are. */
  private static String normalised(String folded) {
    if (folded.isEmpty() || !Character.isDigit(folded.charAt(0))) {
      return folded;
    }
    int end = 0;
    while (end < folded.length() && Character.isDigit(folded.charAt(end))) {
      end++;
    }
    return folded.substring(0, end);
  }

  /**
   * The words a passage offers to claims in its own words: its folded words and numbers (title
   * included), and each pair of neighbouring words written together.
   */
  private static Set<String> vocabulary(IndexedPassage passage) {
    Set<String> out = new HashSet<>();
    List<String> tokens = folded(passage.title() + "\n" + passage.passage().text());
    for (int i = 0; i < tokens.size(); i++) {
      out.add(stem(tokens.get(i)));
      if (i + 1 < tokens.size()) {
        out.add(stem(tokens.get(i) + tokens.get(i + 1)));
      }
    }
    return out;
  }

  /**
   * The words (stemmed, in the claim's language) of the vocabulary's concepts that both the claim
   * and the passage mention: the claim's words that the passage says in its own language.
   */
  private Set<String> sharedConceptWords(String claim, IndexedPassage passage) {
    Set<Integer> inPassage =
        passageConcepts.computeIfAbsent(
            passage, p -> translator.concepts(p.title() + "\n" + p.passage().text(), p.language()));
    Set<String> out = new HashSet<>();
    for (int id : translator.concepts(claim, language)) {
      if (inPassage.contains(id)) {
        for (String word : translator.words(id, language)) {
          folded(word).forEach(w -> out.add(stem(w)));
        }
      }
    }
    return out;
  }

  /**
   * A light stem of a folded word: a plural "s" ("ies" -> "y"), then one ending of English or
   * Norwegian inflection, each cut only when four letters stay. Numbers stay as they are.
   */
  static String stem(String w) {
    if (w.isEmpty() || Character.isDigit(w.charAt(0))) {
      return w;
    }
    String s = w;
    if (s.endsWith("ies") && s.length() - 3 >= 3) {
      s = s.substring(0, s.length() - 3) + "y";
    } else if (s.endsWith("s") && !s.endsWith("ss") && s.length() - 1 >= 4) {
      s = s.substring(0, s.length() - 1);
    }
    for (String ending : ENDINGS) {
      if (s.endsWith(ending) && s.length() - ending.length() >= 4) {
        return s.substring(0, s.length() - ending.length());
      }
    }
    return s;
  }

  private static List<String> folded(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      out.add(normalised(Folding.fold(m.group())));
    }
    return out;
  }
}
