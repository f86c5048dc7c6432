package dev.citebot.index;

/**
 * A term by which the index matches text.
 *
 * @param pair true for two neighbouring words joined into one term (a two-syllable Vietnamese word,
 *     a two-part name)
 */
public record IndexTerm(String text, boolean pair) {}
