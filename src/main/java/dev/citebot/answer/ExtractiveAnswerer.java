package dev.citebot.answer;

import dev.citebot.index.Folding;
import dev.citebot.index.IndexTerm;
import dev.citebot.index.PassageIndex;
import dev.citebot.ingest.Sentence;
import dev.citebot.retrieve.RetrievedPassage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The offline answerer: quotes the sentences of the retrieved passages that best answer the
 * question. A sentence scores by the share of the question's weighted terms it (and its passage)
 * contains, the rank of its passage, and whether it holds the kind of fact asked for (a date for
 * "when", a number for "how many"). Too little evidence and the answer says the articles do not
 * answer, instead of quoting something unrelated.
 */
public final class ExtractiveAnswerer implements Answerer {
  static final int MAX_CITATIONS = 5;

  // How a sentence is scored: its own share of the question's weighted terms, its paragraph's and
  // its passage's, plus 1 / (1 + its passage's rank) (retrieval puts the right passage first 94 %
  // of the time on the dev set) and how well it fits the kind of fact asked for.
  static final double W_SENTENCE = 0.6;
  static final double W_PARAGRAPH = 0.2;
  static final double W_RANK = 0.15;
  static final double W_FIT = 0.2;

  /** A follow-up's candidate from a passage that never names the conversation's subject. */
  static final double OFF_SUBJECT = 0.5;

  /**
   * Evidence from a passage in another language than the question's counts this much. Low because
   * such evidence is inflated: question words that language never uses hardly count against it
   * (FOREIGN_WORD_WEIGHT), so a translation matching only the names can look complete.
   */
  static final double CROSS_LANGUAGE = 0.6;

  /** Weight of a question word that the passage's language never uses (see Weights). */
  static final double FOREIGN_WORD_WEIGHT = 0.15;

  /**
   * A word that forms a word with its neighbour ("phổ" in "phổ biến") gives up this share of its
   * weight to the pair (see Weights.weigh).
   */
  static final double SHARED_WITH_PAIR = 0.5;

  private final PassageIndex index;
  private final int maxChars;
  private final double minEvidence;

  public ExtractiveAnswerer(PassageIndex index, int maxChars, double minEvidence) {
    this.index = Objects.requireNonNull(index, "index");
    this.maxChars = maxChars;
    this.minEvidence = minEvidence;
  }

  /** A sentence considered for the answer. */
  private record Candidate(
      RetrievedPassage from, Sentence sentence, double score, double evidence, double support) {}

  @Override
  public Answer answer(AnswerRequest request) {
    Weights weights = new Weights(request.standalone(), request.question(), request.language());
    AnswerType type = AnswerType.of(Folding.fold(request.question()));
    List<Candidate> candidates = candidates(request, weights, type);
    if (candidates.isEmpty() || candidates.get(0).support() < minEvidence) {
      return Answer.notInArticles(request.question(), request.language(), "extractive");
    }
    List<Citation> citations = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    Candidate best = candidates.get(0);
    for (Sentence s : extend(best)) {
      Sentence quoted = fit(s, weights, best.from().indexed().language());
      addCitation(citations, best, quoted);
      text.append(text.isEmpty() ? "" : " ").append(display(quoted.text()));
      text.append(" [").append(citations.size()).append(']');
    }
    // A second place when it is nearly as good and the answer stays short.
    for (Candidate c : candidates.subList(1, candidates.size())) {
      if (c.score() < 0.8 * best.score()) {
        break;
      }
      if (!overlaps(citations, c) && text.length() + c.sentence().text().length() <= maxChars) {
        addCitation(citations, c, c.sentence());
        text.append(' ').append(display(c.sentence().text()));
        text.append(" [").append(citations.size()).append(']');
        break;
      }
    }
    // The next best places, so a reader can check more than one source.
    List<String> more = new ArrayList<>();
    for (Candidate c : candidates) {
      if (citations.size() >= MAX_CITATIONS) {
        break;
      }
      if (c.evidence() >= minEvidence / 2 && !overlaps(citations, c)) {
        addCitation(citations, c, fit(c.sentence(), weights, c.from().indexed().language()));
        more.add("[" + citations.size() + "]");
      }
    }
    if (!more.isEmpty()) {
      text.append('\n').append(Phrases.seeAlso(request.language())).append(' ');
      text.append(String.join(" ", more));
    }
    return new Answer(
        request.question(),
        text.toString(),
        request.language(),
        true,
        citations,
        "extractive",
        Answer.Timings.NONE);
  }

  private List<Candidate> candidates(AnswerRequest request, Weights weights, AnswerType type) {
    Map<String, Candidate> bySentence = new LinkedHashMap<>();
    Map<Sentence, Set<String>> termsOf = new HashMap<>(); // passages overlap: analyze once
    for (RetrievedPassage rp : request.passages()) {
      String language = rp.indexed().language();
      Map<String, Double> w = weights.forPassagesIn(language);
      List<Sentence> sentences = rp.indexed().passage().sentences();
      // The title is the context of every sentence under it: "Lady Gaga performed the national
      // anthem" answers "Who sang the anthem at Super Bowl 50?" in the article "Super Bowl 50".
      Set<String> titleTerms = weights.terms(rp.indexed().title(), language);
      List<Set<String>> terms = new ArrayList<>();
      Set<String> passageTerms = new HashSet<>(titleTerms);
      for (Sentence s : sentences) {
        Set<String> own = termsOf.computeIfAbsent(s, x -> weights.terms(x.text(), language));
        Set<String> withTitle = new HashSet<>(own);
        withTitle.addAll(titleTerms);
        terms.add(withTitle);
        passageTerms.addAll(own);
      }
      Set<String> subject = weights.subject(language);
      boolean offSubject = !subject.isEmpty() && Collections.disjoint(subject, passageTerms);
      double[] evidence = evidence(w, terms, passageTerms, sentences);
      double[] support = evidence(weights.phrasesIn(language), terms, passageTerms, sentences);
      for (int i = 0; i < sentences.size(); i++) {
        Sentence s = sentences.get(i);
        double fit = type.fit(s.text(), Folding.fold(s.text()));
        // Between two passages that say the same thing (an article and its translation), the
        // one in the asker's language is the better answer.
        double preference = language.equals(request.language()) ? 1 : CROSS_LANGUAGE;
        double score = preference * evidence[i] + W_RANK / (1 + rp.rank()) + W_FIT * fit;
        if (offSubject) {
          score *= OFF_SUBJECT;
        }
        String key = rp.indexed().passage().file() + "@" + s.start();
        Candidate c = new Candidate(rp, s, score, evidence[i], support[i]);
        bySentence.merge(key, c, (a, b) -> a.score() >= b.score() ? a : b);
      }
    }
    List<Candidate> out = new ArrayList<>(bySentence.values());
    out.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return out;
  }

  /**
   * The question's terms and their weights, as seen from passages of each language. A term weighs
   * its idf. A pair of neighbouring words weighs its idf times how firmly the two belong together
   * (of the passages holding the rarer word, the share that hold the pair): a Vietnamese word of
   * two syllables ("phổ biến") is a firm pair, "Luther trở" an accidental one. Each word of a firm
   * pair gives up half its weight to the pair, so a two-syllable word does not outweigh a one-token
   * name threefold. A passage in the question's own language is compared through its language field
   * (stemmed: "die" meets "died"); a passage in another language through the folded field, where a
   * question word that no passage of that language uses is most likely a word of the question's own
   * language ("dokumenter" against Vietnamese text): it cannot be expected there, so it counts only
   * a little.
   */
  private final class Weights {
    private final String question;
    private final String asked;
    private final String questionLanguage;
    private final Map<String, Map<String, Double>> byLanguage = new HashMap<>();
    private final Map<String, Map<String, Double>> phrasesByLanguage = new HashMap<>();
    private final Map<String, Set<String>> subjectByLanguage = new HashMap<>();

    /**
     * @param question the standalone question (a follow-up with the conversation's subject added)
     * @param asked the question as the user typed it
     */
    Weights(String question, String asked, String questionLanguage) {
      this.question = question;
      this.asked = asked;
      this.questionLanguage = questionLanguage;
    }

    /**
     * The terms a follow-up took from the conversation ("Belarus" for "And when did they establish
     * relations?"): the subject the answer must stay on. Empty for a question that stands alone.
     */
    Set<String> subject(String language) {
      return subjectByLanguage.computeIfAbsent(
          language,
          l -> {
            Set<String> added = new HashSet<>(terms(question, l));
            added.removeAll(terms(asked, l));
            return added;
          });
    }

    /** The language whose terms compare a passage of {@code language} with the question. */
    private String view(String language) {
      return language.equals(questionLanguage) ? language : PassageIndex.ANY_LANGUAGE;
    }

    Map<String, Double> forPassagesIn(String language) {
      return byLanguage.computeIfAbsent(language, l -> weigh(l, true));
    }

    /**
     * The weights that decide whether the articles answer at all: every pair of neighbouring words
     * weighs half its idf, however loosely the two belong together. A question whose word pairs
     * occur nowhere in the articles ("population of Hanoi" in articles that never give it) most
     * likely asks about something they do not say; ranking ignores such pairs, abstention must not.
     */
    Map<String, Double> phrasesIn(String language) {
      return phrasesByLanguage.computeIfAbsent(language, l -> weigh(l, false));
    }

    /**
     * @param firmPairs weigh pairs by their bond (ranking) rather than at half their idf
     */
    private Map<String, Double> weigh(String language, boolean firmPairs) {
      String view = view(language);
      List<IndexTerm> terms = index.terms(question, view);
      double[] bound = new double[terms.size()];
      double[] weight = new double[terms.size()];
      for (int i = 0; i < terms.size(); i++) {
        IndexTerm t = terms.get(i);
        weight[i] = index.idf(t.text(), view);
        if (t.pair() && !firmPairs) {
          weight[i] *= 0.5;
        } else if (t.pair() && i > 0 && i + 1 < terms.size()) {
          double s = bond(t, terms.get(i - 1), terms.get(i + 1), view);
          weight[i] *= s;
          bound[i - 1] = Math.max(bound[i - 1], s);
          bound[i + 1] = Math.max(bound[i + 1], s);
        }
      }
      Map<String, Double> out = new LinkedHashMap<>();
      for (int i = 0; i < terms.size(); i++) {
        IndexTerm t = terms.get(i);
        double w = weight[i] * (1 - SHARED_WITH_PAIR * bound[i]);
        out.merge(t.text(), w * foreign(t, view, language), Math::max);
      }
      return out;
    }

    /** FOREIGN_WORD_WEIGHT for a question word that passages of {@code language} never use. */
    private double foreign(IndexTerm t, String view, String language) {
      return !view.equals(language) && index.documentFrequency(t.text(), language) == 0
          ? FOREIGN_WORD_WEIGHT
          : 1;
    }

    /** How often two neighbouring words occur together, of the times the rarer occurs (0..1). */
    private double bond(IndexTerm pair, IndexTerm left, IndexTerm right, String view) {
      int rarer =
          Math.min(index.passagesWith(left.text(), view), index.passagesWith(right.text(), view));
      return rarer == 0 ? 0 : Math.min(1, index.passagesWith(pair.text(), view) / (double) rarer);
    }

    Set<String> terms(String text, String language) {
      Set<String> out = new HashSet<>();
      index.terms(text, view(language)).forEach(t -> out.add(t.text()));
      return out;
    }
  }

  /**
   * For each sentence, the weighted share of the question's terms found in it, its paragraph and
   * its passage (with the article title as context of every sentence).
   */
  private static double[] evidence(
      Map<String, Double> w,
      List<Set<String>> terms,
      Set<String> passageTerms,
      List<Sentence> sentences) {
    double passageCoverage = coverage(w, passageTerms);
    double[] paragraphCoverage = paragraphCoverage(sentences, terms, w);
    double[] out = new double[sentences.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] =
          W_SENTENCE * coverage(w, terms.get(i))
              + W_PARAGRAPH * paragraphCoverage[i]
              + (1 - W_SENTENCE - W_PARAGRAPH) * passageCoverage;
    }
    return out;
  }

  /**
   * For each sentence, the coverage of its paragraph within the passage: the run of sentences with
   * no blank line between them.
   */
  private static double[] paragraphCoverage(
      List<Sentence> sentences, List<Set<String>> terms, Map<String, Double> w) {
    double[] out = new double[sentences.size()];
    int from = 0;
    for (int i = 1; i <= sentences.size(); i++) {
      if (i == sentences.size()
          || sentences.get(i).firstLine() > sentences.get(i - 1).lastLine() + 1) {
        Set<String> union = new HashSet<>();
        for (int j = from; j < i; j++) {
          union.addAll(terms.get(j));
        }
        double c = coverage(w, union);
        for (int j = from; j < i; j++) {
          out[j] = c;
        }
        from = i;
      }
    }
    return out;
  }

  private static double coverage(Map<String, Double> weights, Set<String> terms) {
    double total = 0;
    double found = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      total += e.getValue();
      if (terms.contains(e.getKey())) {
        found += e.getValue();
      }
    }
    return total == 0 ? 0 : found / total;
  }

  /**
   * A sentence that opens or continues a list (ends with ':' or ';') is answered by the items that
   * follow in the passage; take them while the answer stays short.
   */
  private List<Sentence> extend(Candidate c) {
    List<Sentence> all = c.from().indexed().passage().sentences();
    int i = all.indexOf(c.sentence());
    List<Sentence> out = new ArrayList<>(List.of(c.sentence()));
    int length = c.sentence().text().length();
    // An item of a list reads better after the sentence that introduces the list.
    if (i > 0 && all.get(i - 1).text().endsWith(":")) {
      out.add(0, all.get(i - 1));
      length += all.get(i - 1).text().length();
    }
    while (i + 1 < all.size() && endsList(all.get(i).text())) {
      Sentence next = all.get(++i);
      length += next.text().length() + 5;
      if (length > maxChars) {
        break;
      }
      out.add(next);
    }
    return out;
  }

  private static boolean endsList(String text) {
    return text.endsWith(":") || text.endsWith(";");
  }

  /**
   * A sentence longer than the answer limit is cut to the run of its clauses (split after , ; :)
   * that holds the most question weight, so the quote stays short and still verbatim.
   */
  private Sentence fit(Sentence s, Weights weights, String language) {
    String text = s.text();
    if (text.length() <= maxChars) {
      return s;
    }
    List<Integer> cuts = new ArrayList<>(List.of(0));
    for (int i = 0; i < text.length() - 1; i++) {
      char ch = text.charAt(i);
      if ((ch == ',' || ch == ';' || ch == ':') && Character.isWhitespace(text.charAt(i + 1))) {
        cuts.add(i + 1);
      }
    }
    cuts.add(text.length());
    int bestFrom = 0;
    int bestTo = cuts.size() - 1;
    double bestWeight = -1;
    for (int a = 0; a < cuts.size() - 1; a++) {
      int b = a + 1;
      while (b + 1 < cuts.size() && cuts.get(b + 1) - cuts.get(a) <= maxChars) {
        b++;
      }
      Set<String> found = weights.terms(text.substring(cuts.get(a), cuts.get(b)), language);
      double weight = 0;
      for (Map.Entry<String, Double> e : weights.forPassagesIn(language).entrySet()) {
        weight += found.contains(e.getKey()) ? e.getValue() : 0;
      }
      if (weight > bestWeight) {
        bestWeight = weight;
        bestFrom = a;
        bestTo = b;
      }
    }
    return clause(s, cuts.get(bestFrom), cuts.get(bestTo));
  }

  /** The part [from, to) of a sentence, trimmed, with its own offsets and lines. */
  static Sentence clause(Sentence s, int from, int to) {
    String text = s.text();
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    int firstLine = s.firstLine() + lineBreaks(text, 0, from);
    int lastLine = firstLine + lineBreaks(text, from, to);
    return new Sentence(
        text.substring(from, to), s.start() + from, s.start() + to, firstLine, lastLine);
  }

  /** Line breaks (\n, \r\n or a lone \r) in text[from, to). */
  private static int lineBreaks(String text, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char ch = text.charAt(i);
      if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }

  private void addCitation(List<Citation> citations, Candidate c, Sentence quoted) {
    var p = c.from().indexed();
    citations.add(
        new Citation(
            citations.size() + 1,
            p.passage().file(),
            p.title(),
            p.sourceUrl(),
            quoted.firstLine(),
            quoted.lastLine(),
            quoted.text(),
            Math.round(Math.min(1, c.evidence()) * 100) / 100.0));
  }

  private static boolean overlaps(List<Citation> citations, Candidate c) {
    for (Citation cited : citations) {
      if (cited.file().equals(c.from().indexed().passage().file())
          && c.sentence().firstLine() <= cited.lastLine()
          && c.sentence().lastLine() >= cited.firstLine()) {
        return true;
      }
    }
    return false;
  }

  private static String display(String quote) {
    return quote.replaceAll("\\s+", " ").strip();
  }
}
