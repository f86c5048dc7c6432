package dev.citebot.answer;

import java.util.OptionalDouble;

/**
 * One source of an answer: the lines of the original file that hold {@code quote} verbatim.
 *
 * @param n the marker number used in the answer text as [n]
 * @param file path relative to the corpus folder
 * @param title the article title
 * @param sourceUrl the article's source URL, or ""
 * @param firstLine 1-based first line in the original file
 * @param lastLine 1-based last line, inclusive
 * @param quote text found verbatim in those lines
 * @param retrievalScore how well the passage holding the quote matched the question in retrieval:
 *     its fused reciprocal-rank score, 0..1 (1 = first in every ranking); the same in both modes
 * @param answerProbability extractive mode only: the ranker's belief that the quoted sentence is
 *     the answer, as its share among the question's candidate sentences (0..1)
 */
public record Citation(
    int n,
    String file,
    String title,
    String sourceUrl,
    int firstLine,
    int lastLine,
    String quote,
    double retrievalScore,
    OptionalDouble answerProbability) {

  /** A citation without an answer probability (llm mode, or one rebuilt to show its lines). */
  public Citation(
      int n,
      String file,
      String title,
      String sourceUrl,
      int firstLine,
      int lastLine,
      String quote,
      double retrievalScore) {
    this(
        n,
        file,
        title,
        sourceUrl,
        firstLine,
        lastLine,
        quote,
        retrievalScore,
        OptionalDouble.empty());
  }
}
