package dev.citebot.rank;

import java.util.List;

/**
 * What the scorers know about one candidate sentence: named numbers, most of them 0..1. Coverage is
 * the idf-weighted share of the question's words and word pairs found (see {@link QuestionTerms});
 * "support" is the same with every word pair counted, the stricter measure of whether the asked-for
 * fact is there at all.
 *
 * @param coverSentence coverage of the sentence with the article title as its context
 * @param coverParagraph coverage of its paragraph (sentences without a blank line between them)
 * @param coverPassage coverage of its retrieved passage
 * @param coverTitle coverage of the article title alone
 * @param supportSentence support of the sentence (with title)
 * @param supportPassage support of the passage
 * @param fusedRank 1 / (1 + rank of the passage in the fused retrieval ranking)
 * @param fusedScore the passage's fused reciprocal-rank score (0..1)
 * @param bm25Language the passage's BM25 score in the question-language ranking, as a share of the
 *     best
 * @param bm25Folded the same in the folded any-language ranking
 * @param typeWhen for a "when" question: 1 for a year given as a point in time, 0.5 for another
 *     date, else 0
 * @param typeNumber for a "how many/much/long" question: 0.5 when the sentence has a number
 * @param typeWho for a "who" question: 0.5 when the sentence has a capitalised word
 * @param crossLanguage 1 when the sentence is in another language than the question
 * @param coverSentenceCross coverSentence when crossLanguage, else 0 (evidence across languages is
 *     weaker: words the other language never uses hardly count against it)
 * @param conceptsCross for a sentence in another language: the share of the question's common words
 *     (vocabulary concepts) found in it (with its title), as their translations; else 0
 * @param numbers share of the question's numbers found in the sentence (0 when it has none)
 * @param namesSentence share of the question's names (see QuestionNames) the sentence (with its
 *     title) mentions, as written or translated; 1 when the question names nothing
 * @param namesPassage the same for the passage
 * @param novelty share of the sentence's terms that are not the question's (an answer says
 *     something the question does not)
 */
public record SentenceFeatures(
    double coverSentence,
    double coverParagraph,
    double coverPassage,
    double coverTitle,
    double supportSentence,
    double supportPassage,
    double fusedRank,
    double fusedScore,
    double bm25Language,
    double bm25Folded,
    double typeWhen,
    double typeNumber,
    double typeWho,
    double crossLanguage,
    double coverSentenceCross,
    double conceptsCross,
    double numbers,
    double namesSentence,
    double namesPassage,
    double novelty) {

  /**
   * The component names, in the order of {@link #values()}: what a model file's weights are for.
   */
  public static final List<String> NAMES =
      java.util.Arrays.stream(SentenceFeatures.class.getRecordComponents())
          .map(java.lang.reflect.RecordComponent::getName)
          .toList();

  /** The features as a vector in the order of {@link #NAMES}. */
  public double[] values() {
    return new double[] {
      coverSentence,
      coverParagraph,
      coverPassage,
      coverTitle,
      supportSentence,
      supportPassage,
      fusedRank,
      fusedScore,
      bm25Language,
      bm25Folded,
      typeWhen,
      typeNumber,
      typeWho,
      crossLanguage,
      coverSentenceCross,
      conceptsCross,
      numbers,
      namesSentence,
      namesPassage,
      novelty
    };
  }
}
