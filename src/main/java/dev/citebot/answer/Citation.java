package dev.citebot.answer;

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
 * @param score retrieval/evidence score, higher is better (0..1)
 */
public record Citation(
    int n,
    String file,
    String title,
    String sourceUrl,
    int firstLine,
    int lastLine,
    String quote,
    double score) {}
