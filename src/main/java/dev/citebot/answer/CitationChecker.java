package dev.citebot.answer;

import dev.citebot.index.Folding;
import dev.citebot.index.IndexedPassage;
import dev.citebot.ingest.Sentence;
import dev.citebot.retrieve.RetrievedPassage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a model's answer against the passages it was given, before anyone sees it as grounded.
 *
 * <ul>
 *   <li>A marker [n] must name a passage that was given (1..number of passages).
 *   <li>A claim written in the language of the passage it cites must share at least one content
 *       word with that passage (a cheap guard against citations pasted on at random; claims in
 *       another language than the passage are not compared word for word).
 *   <li>Markers failing either check are dropped. A claim left with none of its markers, or an
 *       answer with no valid marker at all, rejects the whole answer.
 *   <li>An answer without markers that says the articles do not answer counts as "not answered".
 * </ul>
 *
 * The accepted text is renumbered 1..k in order of first use; each citation quotes the sentence of
 * its passage that shares most words with the claims citing it, with that sentence's own lines, so
 * the quote is verbatim in the cited lines. When the claims draw on up to three neighbouring
 * sentences, and the file still holds the passage exactly as indexed, the quote spans them (the
 * file's own text between them included).
 */
final class CitationChecker {
  /** Most sentences one quote spans. */
  static final int MAX_QUOTE_SENTENCES = 3;

  /** Longest quote spanning several sentences, in characters. */
  static final int MAX_QUOTE_CHARS = 800;

  /** Covered claim words one more sentence in a quote must be worth. */
  private static final double SENTENCE_COST = 1.0;

  /** A claim needs this many content words before it is compared with its passage. */
  private static final int MIN_CLAIM_WORDS = 3;

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** Glue words of English, Vietnamese and Norwegian (folded): sharing them proves nothing. */
  private static final Set<String> STOP =
      Set.copyOf(
          List.of(
              "the", "a", "an", "of", "in", "on", "to", "for", "and", "or", "by", "with", "at",
              "from", "as", "that", "this", "it", "its", "be", "is", "are", "was", "were", "been",
              "has", "have", "had", "there", "their", "they", "them", "he", "she", "his", "her",
              "not", "no", "but", "also", "which", "who", "what", "when", "where", "will", "would",
              "can", "could", "said", "says", "both", "two", "these", "those", "into", "than",
              "then", "such", "about", "va", "cua", "cac", "nhung", "duoc", "da", "trong", "la",
              "co", "mot", "cho", "voi", "ve", "nay", "do", "thi", "ma", "khong", "tai", "theo",
              "cung", "se", "hai", "nhu", "den", "tu", "khi", "ong", "ba", "nam", "ngay", "og", "i",
              "pa", "av", "til", "det", "den", "de", "en", "et", "som", "med", "for", "har",
              "hadde", "om", "fra", "ved", "seg", "sin", "var", "ble", "er", "ikke", "ogsa",
              "mellom"));

  /** What the check made of an answer. */
  sealed interface Result permits Accepted, NotAnswered, Rejected {}

  /** Shown as grounded: the rewritten text and its citations, numbered 1..k as used. */
  record Accepted(String text, List<Citation> citations) implements Result {}

  /** The model said the articles do not answer (and cited nothing). */
  record NotAnswered() implements Result {}

  /** Not to be shown; {@code reason} is for the log. */
  record Rejected(String reason) implements Result {}

  /** Text found verbatim in lines firstLine..lastLine of its file. */
  record Quote(String text, int firstLine, int lastLine) {}

  private final Function<String, String> citableText;

  /** A checker that quotes single sentences only. */
  CitationChecker() {
    this(file -> null);
  }

  /**
   * @param citableText a corpus file's text as its sentence offsets index it ({@code
   *     ArticleReader.citableText}), or null when it cannot be read; used to quote several
   *     sentences
   */
  CitationChecker(Function<String, String> citableText) {
    this.citableText = citableText;
  }

  Result check(String raw, AnswerRequest request) {
    String text = raw == null ? "" : raw;
    List<RetrievedPassage> passages = request.passages();
    List<Markers.Group> groups = Markers.find(text);
    Map<Markers.Group, Set<Integer>> valid = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Markers.Group g : groups) {
      Set<Integer> ok = new LinkedHashSet<>();
      String claim = text.substring(g.claimStart(), g.start());
      for (int n : g.numbers()) {
        if (n < 1 || n > passages.size()) {
          problems.add("[" + n + "] names no given passage");
        } else if (!supports(passages.get(n - 1).indexed(), claim, request.language())) {
          problems.add("[" + n + "] shares no word with its claim");
        } else {
          ok.add(n);
        }
      }
      valid.put(g, ok);
    }
    if (groups.isEmpty()) {
      return saysNotAnswered(text, request.language())
          ? new NotAnswered()
          : new Rejected("the answer has no citation");
    }
    for (Markers.Group g : groups) {
      if (valid.get(g).isEmpty()) {
        return new Rejected("a claim has no valid citation (" + String.join("; ", problems) + ")");
      }
    }
    List<Integer> order = new ArrayList<>();
    String rendered =
        Markers.render(text, groups, (g, n) -> valid.get(g).contains(n), order).strip();
    List<Citation> citations = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      int modelNumber = order.get(i);
      StringBuilder claims = new StringBuilder();
      for (Markers.Group g : groups) {
        if (valid.get(g).contains(modelNumber)) {
          claims.append(text, g.claimStart(), g.start()).append(' ');
        }
      }
      RetrievedPassage rp = passages.get(modelNumber - 1);
      Quote quote = bestQuote(rp.indexed(), claims.toString(), request);
      citations.add(
          new Citation(
              i + 1,
              rp.indexed().passage().file(),
              rp.indexed().title(),
              rp.indexed().sourceUrl(),
              quote.firstLine(),
              quote.lastLine(),
              quote.text(),
              Math.round(rp.score() * 100) / 100.0));
    }
    return new Accepted(rendered, citations);
  }

  /** Whether {@code claim} may cite {@code passage}: see the class comment. */
  static boolean supports(IndexedPassage passage, String claim, String language) {
    if (!passage.language().equals(language) || "und".equals(language)) {
      return true;
    }
    Set<String> words = words(claim);
    if (words.size() < MIN_CLAIM_WORDS) {
      return true;
    }
    Set<String> passageWords = words(passage.passage().text() + " " + passage.title());
    return !Collections.disjoint(words, passageWords);
  }

  /**
   * The sentence, or run of up to {@link #MAX_QUOTE_SENTENCES} neighbouring sentences, of the
   * passage that covers most words of the claims (each added sentence must add more than {@link
   * #SENTENCE_COST} words). Several sentences are only quoted when the file's text between them is
   * known, unchanged and only whitespace (so not for HTML, whose tags sit between sentences).
   */
  Quote bestQuote(IndexedPassage passage, String claims, AnswerRequest request) {
    Sentence best = bestSentence(passage, claims, request);
    Quote single = new Quote(best.text(), best.firstLine(), best.lastLine());
    List<Sentence> sentences = passage.passage().sentences();
    Set<String> wanted = words(claims);
    String file = passage.passage().file();
    String lower = file.toLowerCase(java.util.Locale.ROOT);
    if (sentences.size() < 2
        || covered(List.of(best), wanted) == 0
        || lower.endsWith(".html")
        || lower.endsWith(".htm")) {
      return single;
    }
    String text = citableText.apply(file);
    if (text == null || !indexedAsIs(sentences, text)) {
      return single;
    }
    double bestScore = covered(List.of(best), wanted);
    int from = -1;
    int to = -1;
    for (int i = 0; i < sentences.size(); i++) {
      for (int j = i + 1; j < sentences.size() && j - i < MAX_QUOTE_SENTENCES; j++) {
        if (sentences.get(j).end() - sentences.get(i).start() > MAX_QUOTE_CHARS
            || !text.substring(sentences.get(j - 1).end(), sentences.get(j).start()).isBlank()) {
          break;
        }
        double score = covered(sentences.subList(i, j + 1), wanted) - SENTENCE_COST * (j - i);
        if (score > bestScore + 1e-9) {
          bestScore = score;
          from = i;
          to = j;
        }
      }
    }
    if (from < 0) {
      return single;
    }
    Sentence first = sentences.get(from);
    Sentence last = sentences.get(to);
    return new Quote(text.substring(first.start(), last.end()), first.firstLine(), last.lastLine());
  }

  private static int covered(List<Sentence> sentences, Set<String> wanted) {
    Set<String> found = new java.util.HashSet<>();
    for (Sentence s : sentences) {
      found.addAll(words(s.text()));
    }
    found.retainAll(wanted);
    return found.size();
  }

  /** Whether the file text still holds every sentence at its indexed offsets. */
  private static boolean indexedAsIs(List<Sentence> sentences, String text) {
    for (Sentence s : sentences) {
      if (s.start() < 0
          || s.end() > text.length()
          || s.start() > s.end()
          || !text.substring(s.start(), s.end()).equals(s.text())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The sentence of the passage that shares most words with the claims citing it; when none shares
   * any (a claim in another language), the one that shares most with the question; else the first.
   */
  static Sentence bestSentence(IndexedPassage passage, String claims, AnswerRequest request) {
    List<Sentence> sentences = passage.passage().sentences();
    Sentence best = pick(sentences, words(claims));
    if (best == null) {
      best = pick(sentences, words(request.question() + " " + request.standalone()));
    }
    return best != null ? best : sentences.get(0);
  }

  private static Sentence pick(List<Sentence> sentences, Set<String> wanted) {
    Sentence best = null;
    int bestShared = 0;
    double bestShare = 0;
    for (Sentence s : sentences) {
      Set<String> words = words(s.text());
      int shared = 0;
      for (String w : words) {
        shared += wanted.contains(w) ? 1 : 0;
      }
      double share = words.isEmpty() ? 0 : (double) shared / words.size();
      if (shared > bestShared || (shared == bestShared && shared > 0 && share > bestShare)) {
        best = s;
        bestShared = shared;
        bestShare = share;
      }
    }
    return best;
  }

  /** Content words, folded (lower case, no accents), without glue words. */
  static Set<String> words(String text) {
    Set<String> out = new LinkedHashSet<>();
    for (String w : NON_WORD.split(Folding.fold(text))) {
      boolean number = !w.isEmpty() && Character.isDigit(w.charAt(0));
      if ((w.length() >= 2 || number) && !STOP.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** Whether the text says, in the words we asked for, that the articles do not answer. */
  static boolean saysNotAnswered(String text, String language) {
    String said = " " + String.join(" ", NON_WORD.split(Folding.fold(text))).strip() + " ";
    for (String lang : new LinkedHashSet<>(List.of(language, "en", "vi", "no"))) {
      String phrase = String.join(" ", NON_WORD.split(Folding.fold(Phrases.notInArticles(lang))));
      if (said.contains(" " + phrase.strip() + " ")) {
        return true;
      }
    }
    return false;
  }
}
