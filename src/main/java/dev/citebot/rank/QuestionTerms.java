package dev.citebot.rank;

import dev.citebot.index.IndexTerm;
import dev.citebot.index.TermStatistics;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The question's terms and their weights, as seen from passages of each language. A term weighs its
 * idf. A pair of neighbouring words weighs its idf times how firmly the two belong together (of the
 * passages holding the rarer word, the share that hold the pair): a Vietnamese word of two
 * syllables ("phổ biến") is a firm pair, "Luther trở" an accidental one. Each word of a firm pair
 * gives up half its weight to the pair, so a two-syllable word does not outweigh a one-token name
 * threefold. A passage in the question's own language is compared through its language field
 * (stemmed: "die" meets "died"); a passage in another language through the folded field, where
 * mostly names and numbers match: the vocabulary's translations are measured apart (see {@link
 * CandidateFinder}), so that across languages coverage is not inflated by discounting the words a
 * translation cannot hold.
 */
final class QuestionTerms {
  /**
   * Prior: a word of a firm pair gives half its weight to the pair (a pair is two words' worth).
   */
  static final double SHARED_WITH_PAIR = 0.5;

  private final TermStatistics index;
  private final String question;
  private final String asked;
  private final String questionLanguage;
  private final Map<String, Map<String, Double>> ranking = new HashMap<>();
  private final Map<String, Map<String, Double>> support = new HashMap<>();
  private final Map<String, Set<String>> subjectByLanguage = new HashMap<>();

  /**
   * @param question the standalone question (a follow-up with the conversation's subject added)
   * @param asked the question as the user typed it
   */
  QuestionTerms(TermStatistics index, String question, String asked, String questionLanguage) {
    this.index = index;
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
    return language.equals(questionLanguage) ? language : TermStatistics.ANY_LANGUAGE;
  }

  /** Weights for ranking: pairs by their bond. */
  Map<String, Double> weights(String language) {
    return ranking.computeIfAbsent(language, l -> weigh(l, true));
  }

  /**
   * The weights that tell whether the articles answer at all: every pair of neighbouring words
   * weighs half its idf, however loosely the two belong together. A question whose word pairs occur
   * nowhere in the articles ("population of Hanoi" in articles that never give it) most likely asks
   * about something they do not say; ranking ignores such pairs, support must not.
   */
  Map<String, Double> supportWeights(String language) {
    return support.computeIfAbsent(language, l -> weigh(l, false));
  }

  private Map<String, Double> weigh(String language, boolean firmPairs) {
    String view = view(language);
    List<IndexTerm> terms = index.terms(question, view);
    index.prefetch(terms, view);
    double[] bound = new double[terms.size()];
    double[] weight = new double[terms.size()];
    for (int i = 0; i < terms.size(); i++) {
      IndexTerm t = terms.get(i);
      weight[i] = index.idf(t.text(), view);
      if (t.pair() && !firmPairs) {
        weight[i] *= 0.5; // prior: a pair is half a word's evidence when nothing says it is firm
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
      out.merge(t.text(), w, Math::max);
    }
    return out;
  }

  /** How often two neighbouring words occur together, of the times the rarer occurs (0..1). */
  private double bond(IndexTerm pair, IndexTerm left, IndexTerm right, String view) {
    int rarer =
        Math.min(index.passagesWith(left.text(), view), index.passagesWith(right.text(), view));
    return rarer == 0 ? 0 : Math.min(1, index.passagesWith(pair.text(), view) / (double) rarer);
  }

  /** The index terms of {@code text} as passages of {@code language} are compared. */
  Set<String> terms(String text, String language) {
    Set<String> out = new HashSet<>();
    index.terms(text, view(language)).forEach(t -> out.add(t.text()));
    return out;
  }

  /** The weighted share of {@code weights} found in {@code terms} (0..1). */
  static double coverage(Map<String, Double> weights, Set<String> terms) {
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
}
