package dev.citebot.rank;

import dev.citebot.index.Folding;
import dev.citebot.index.TermStatistics;
import dev.citebot.ingest.Sentence;
import dev.citebot.retrieve.QueryTranslator;
import dev.citebot.retrieve.RetrievedPassage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the retrieved passages into candidate sentences with their {@link SentenceFeatures}: the
 * one place where a sentence is measured against the question. Scoring is left to a {@link
 * SentenceScorer}.
 */
public final class CandidateFinder {
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  private final TermStatistics index;
  private final QueryTranslator vocabulary;

  /**
   * @param vocabulary the cross-language word list: evidence for sentences in another language
   */
  public CandidateFinder(TermStatistics index, QueryTranslator vocabulary) {
    this.index = Objects.requireNonNull(index, "index");
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
  }

  /**
   * Every sentence of {@code passages}, in passage order; a sentence of two overlapping passages
   * appears twice, once with each passage's features.
   *
   * @param asked the question as the user typed it
   * @param standalone the question with a follow-up's context added
   */
  public List<Candidate> candidates(
      String asked, String standalone, String language, List<RetrievedPassage> passages) {
    QuestionTerms q = new QuestionTerms(index, standalone, asked, language);
    AnswerType type = AnswerType.of(Folding.fold(asked));
    Set<String> questionNumbers = numbers(Folding.fold(standalone));
    QuestionNames names = new QuestionNames(standalone, vocabulary, language);
    // Names the vocabulary translates ("North Korea") count as names, not as common words.
    Set<Integer> questionConcepts = new HashSet<>(vocabulary.concepts(standalone, language));
    names.names().forEach(n -> questionConcepts.removeAll(n.concepts()));
    Map<Sentence, Set<String>> termsOf = new HashMap<>(); // passages overlap: analyze once
    Map<Sentence, Mentions> mentionsOf = new HashMap<>();
    List<Set<String>> titleTermsOf = new ArrayList<>();
    List<Mentions> titleMentionsOf = new ArrayList<>();
    for (RetrievedPassage rp : passages) {
      String l = rp.indexed().language();
      titleTermsOf.add(q.terms(rp.indexed().title(), l));
      titleMentionsOf.add(mentions(rp.indexed().title(), l));
      for (Sentence s : rp.indexed().passage().sentences()) {
        termsOf.computeIfAbsent(s, x -> q.terms(x.text(), l));
        mentionsOf.computeIfAbsent(s, x -> mentions(x.text(), l));
      }
    }
    List<Candidate> out = new ArrayList<>();
    for (int p = 0; p < passages.size(); p++) {
      RetrievedPassage rp = passages.get(p);
      String l = rp.indexed().language();
      Map<String, Double> w = q.weights(l);
      Map<String, Double> sw = q.supportWeights(l);
      Set<String> questionTerms = w.keySet();
      List<Sentence> sentences = rp.indexed().passage().sentences();
      // The title is the context of every sentence under it: "Lady Gaga performed the national
      // anthem" answers "Who sang the anthem at Super Bowl 50?" in the article "Super Bowl 50".
      Set<String> title = titleTermsOf.get(p);
      List<Set<String>> withTitle = new ArrayList<>();
      Set<String> passageTerms = new HashSet<>(title);
      Mentions passageMentions = titleMentionsOf.get(p);
      for (Sentence s : sentences) {
        Set<String> own = termsOf.get(s);
        Set<String> t = new HashSet<>(own);
        t.addAll(title);
        withTitle.add(t);
        passageTerms.addAll(own);
        passageMentions = passageMentions.with(mentionsOf.get(s));
      }
      Set<String> subject = q.subject(l);
      boolean offSubject = !subject.isEmpty() && Collections.disjoint(subject, passageTerms);
      boolean cross = !l.equals(language);
      double coverPassage = QuestionTerms.coverage(w, passageTerms);
      double supportPassage = QuestionTerms.coverage(sw, passageTerms);
      double coverTitle = QuestionTerms.coverage(w, title);
      double[] coverParagraph = paragraphCoverage(sentences, withTitle, w);
      double namesPassage = names.share(passageMentions);
      for (int i = 0; i < sentences.size(); i++) {
        Sentence s = sentences.get(i);
        Mentions sentence = mentionsOf.get(s).with(titleMentionsOf.get(p));
        Set<String> terms = withTitle.get(i);
        double cover = QuestionTerms.coverage(w, terms);
        double match = type.match(s.text(), Folding.fold(s.text()));
        SentenceFeatures f =
            new SentenceFeatures(
                cover,
                coverParagraph[i],
                coverPassage,
                coverTitle,
                QuestionTerms.coverage(sw, terms),
                supportPassage,
                1.0 / (1 + rp.rank()),
                rp.score(),
                rp.languageBm25(),
                rp.foldedBm25(),
                type == AnswerType.WHEN ? match : 0,
                type == AnswerType.NUMBER ? match : 0,
                type == AnswerType.WHO ? match : 0,
                cross ? 1 : 0,
                cross ? cover : 0,
                cross ? conceptShare(questionConcepts, sentence) : 0,
                share(questionNumbers, numbers(Folding.fold(s.text()))),
                names.share(sentence),
                namesPassage,
                novelty(termsOf.get(s), questionTerms));
        out.add(new Candidate(rp, s, f, !offSubject));
      }
    }
    return out;
  }

  /**
   * The coverage of the question by {@code text} written in {@code textLanguage}: which clause of a
   * long sentence to quote.
   */
  public double coverage(
      String text, String textLanguage, String asked, String standalone, String language) {
    QuestionTerms q = new QuestionTerms(index, standalone, asked, language);
    return QuestionTerms.coverage(q.weights(textLanguage), q.terms(text, textLanguage));
  }

  /**
   * How well {@code text} holds the kind of fact {@code asked} asks for (a year for "when", a
   * number for "how many"; 0..1, as the typeWhen/typeNumber/typeWho features): which clause of a
   * long sentence holds the answer.
   */
  public static double typeMatch(String asked, String text) {
    return AnswerType.of(Folding.fold(asked)).match(text, Folding.fold(text));
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
        double c = QuestionTerms.coverage(w, union);
        for (int j = from; j < i; j++) {
          out[j] = c;
        }
        from = i;
      }
    }
    return out;
  }

  private Mentions mentions(String text, String language) {
    return new Mentions(QuestionNames.squash(text), vocabulary.concepts(text, language));
  }

  /**
   * Evidence across languages: the share of the question's common-word concepts that the sentence
   * (with its title) holds; 0 when the question has none.
   */
  private static double conceptShare(Set<Integer> concepts, Mentions sentence) {
    if (concepts.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (int c : concepts) {
      n += sentence.concepts().contains(c) ? 1 : 0;
    }
    return n / (double) concepts.size();
  }

  private static Set<String> numbers(String folded) {
    Set<String> out = new HashSet<>();
    Matcher m = NUMBER.matcher(folded);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** The share of {@code wanted} found in {@code found}; 0 when nothing is wanted. */
  private static double share(Set<String> wanted, Set<String> found) {
    if (wanted.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (String w : wanted) {
      n += found.contains(w) ? 1 : 0;
    }
    return n / (double) wanted.size();
  }

  private static double novelty(Set<String> sentenceTerms, Set<String> questionTerms) {
    if (sentenceTerms.isEmpty()) {
      return 0;
    }
    int fresh = 0;
    for (String t : sentenceTerms) {
      fresh += questionTerms.contains(t) ? 0 : 1;
    }
    return fresh / (double) sentenceTerms.size();
  }
}
