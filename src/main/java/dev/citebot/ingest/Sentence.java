package dev.citebot.ingest;

/**
 * One sentence of an article, exactly as it appears in the original file.
 *
 * @param text the original characters from {@code start} to {@code end} (verbatim, so a quote of it
 *     can be found in the file)
 * @param start offset of the first character in the decoded file text
 * @param end offset after the last character
 * @param firstLine 1-based line of the first character in the original file
 * @param lastLine 1-based line of the last character
 */
public record Sentence(String text, int start, int end, int firstLine, int lastLine) {}
