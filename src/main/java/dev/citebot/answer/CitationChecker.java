package dev.citebot.answer;

import dev.citebot.index.Folding;
import dev.citebot.index.IndexedPassage;
import dev.citebot.ingest.Sentence;
import dev.citebot.retrieve.QueryTranslator;
import dev.citebot.retrieve.RetrievedPassage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a model's answer against the passages it was given, before anyone sees it as grounded.
 *
 * <ul>
 *   <li>A claim is the text a marker group ends (since the previous group or paragraph break).
 *   <li>A marker [n] must name a passage that was given (1..number of passages), and that passage
 *       must support the claim: {@link ClaimSupport} states the rule (shared content words or their
 *       translations, every number present, names present, at least two content words).
 *   <li>Markers failing either check are dropped. A claim left with none of its markers is removed
 *       from the answer, and so is text outside every claim (an uncited paragraph, words after the
 *       last marker): nothing is shown that no passage supports. An answer left without any
 *       supported claim is rejected.
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

  /** Claims checked between two looks at the clock. */
  private static final int CLAIMS_PER_CLOCK_CHECK = 16;

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern MANY_SPACES = Pattern.compile("(?<=\\S) {2,}(?=\\S)");
  private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile(" +([.,;:!?])(?=\\s|$)");
  private static final Logger log = LoggerFactory.getLogger(CitationChecker.class);

  /** Glue words of English, Vietnamese and Norwegian (folded): sharing them proves nothing. */
  private static final Set<String> STOP =
      Set.of(
          """
          the a an of in on to for and or by with at from as that this it its be is are was were
          been has have had there their they them he she his her not no but also which who what
          when where will would can could said says both two these those into than then such
          about va cua cac nhung duoc da trong la co mot cho voi ve nay do thi ma khong tai theo
          cung se hai nhu den tu khi ong ba nam ngay og i pa av til det de en et som med har
          hadde om fra ved seg sin var ble er ikke ogsa mellom did does being during after before
          between over more most very some all other each only so if because while we you our
          your him us how why one yes here however according article articles passage passages
          bai viet rang bi boi vao ra len nhieu kan skal blir etter under alle andre ett
          """
              .strip()
              .split("\\s+"));

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

  /** Problems named in a rejection's reason, at most. */
  private static final int MAX_PROBLEMS_LOGGED = 5;

  private final Function<String, String> citableText;
  private final QueryTranslator translator;

  /** A checker that quotes single sentences only, with the bundled translation vocabulary. */
  CitationChecker() {
    this(file -> null, QueryTranslator.bundled());
  }

  /**
   * @param citableText a corpus file's text as its sentence offsets index it ({@code
   *     ArticleReader.citableText}), or null when it cannot be read; used to quote several
   *     sentences
   * @param translator links the words of claims and passages in different languages
   */
  CitationChecker(Function<String, String> citableText, QueryTranslator translator) {
    this.citableText = citableText;
    this.translator = translator;
  }

  Result check(String raw, AnswerRequest request) {
    return check(raw, request, Long.MAX_VALUE);
  }

  /**
   * Checks {@code raw} against the request's passages; when {@code deadlineNanos} ({@link
   * System#nanoTime()}) passes first, the answer is rejected. Time is linear in the reply's length.
   */
  Result check(String raw, AnswerRequest request, long deadlineNanos) {
    String text = raw == null ? "" : raw;
    List<RetrievedPassage> passages = request.passages();
    List<Markers.Group> groups = Markers.find(text);
    if (groups.isEmpty()) {
      return saysNotAnswered(text, request.language())
          ? new NotAnswered()
          : new Rejected("the answer has no citation");
    }
    ClaimSupport support =
        new ClaimSupport(
            translator, request.question() + " " + request.standalone(), request.language());
    Map<Markers.Group, Set<Integer>> valid = new HashMap<>();
    List<String> problems = new ArrayList<>();
    int supported = 0;
    for (Markers.Group g : groups) {
      if (valid.size() % CLAIMS_PER_CLOCK_CHECK == 0 && System.nanoTime() - deadlineNanos > 0) {
        return new Rejected("no time left to check the answer");
      }
      Set<Integer> ok = new LinkedHashSet<>();
      String claim = text.substring(g.claimStart(), g.start());
      for (int n : g.numbers()) {
        String problem =
            n < 1 || n > passages.size()
                ? "names no given passage"
                : support.problem(claim, passages.get(n - 1).indexed());
        if (problem == null) {
          ok.add(n);
        } else if (problems.size() < MAX_PROBLEMS_LOGGED) {
          problems.add("[" + n + "] " + problem);
        }
      }
      valid.put(g, ok);
      supported += ok.isEmpty() ? 0 : 1;
    }
    if (supported == 0) {
      return new Rejected(
          "no claim is supported by the passage it cites (" + String.join("; ", problems) + ")");
    }
    if (!problems.isEmpty()) {
      log.info("Claims removed from the model's answer: {}", String.join("; ", problems));
    }
    List<Integer> order = new ArrayList<>();
    String rendered = Markers.renderClaims(text, groups, (g, n) -> valid.get(g).contains(n), order);
    // Only close gaps when something was removed, so that an answer checked whole reads exactly
    // as it was streamed to the console.
    String whole =
        Markers.render(text, groups, (g, n) -> valid.get(g).contains(n), new ArrayList<>());
    rendered = rendered.equals(whole) ? whole.strip() : tidy(rendered);
    Map<Integer, StringBuilder> claimsOf = new HashMap<>();
    for (Markers.Group g : groups) {
      for (int n : valid.get(g)) {
        claimsOf.computeIfAbsent(n, k -> new StringBuilder());
        claimsOf.get(n).append(text, g.claimStart(), g.start()).append(' ');
      }
    }
    List<Citation> citations = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      int modelNumber = order.get(i);
      RetrievedPassage rp = passages.get(modelNumber - 1);
      Quote quote = bestQuote(rp.indexed(), claimsOf.get(modelNumber).toString(), request);
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

  /**
   * The rendered answer with the gaps left by removed claims closed: no space before punctuation,
   * no runs of spaces, at most one blank line, no space at the ends.
   */
  private static String tidy(String text) {
    return SPACE_BEFORE_PUNCTUATION
        .matcher(MANY_SPACES.matcher(text).replaceAll(" "))
        .replaceAll("$1")
        .replaceAll("[ \\t]+\n", "\n")
        .replaceAll("\n{3,}", "\n\n")
        .strip();
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
      if (isContentWord(w)) {
        out.add(w);
      }
    }
    return out;
  }

  /** Whether a folded word carries content: a number, or two letters or more and no glue word. */
  static boolean isContentWord(String folded) {
    boolean number = !folded.isEmpty() && Character.isDigit(folded.charAt(0));
    return (folded.length() >= 2 || number) && !STOP.contains(folded);
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
