package dev.citebot.answer;

import java.util.List;

/**
 * What citebot says to a question (also the --json record, see DESIGN.md).
 *
 * @param question the question as asked
 * @param text the answer, with [n] markers for its citations
 * @param language ISO code of the question's language (the answer is in it where possible)
 * @param grounded false when the articles do not answer the question
 * @param citations the sources, numbered 1..k, each used in {@code text}
 * @param mode "extractive" or "llm": what actually produced the text
 * @param timings milliseconds spent per stage
 */
public record Answer(
    String question,
    String text,
    String language,
    boolean grounded,
    List<Citation> citations,
    String mode,
    Timings timings) {
  public Answer {
    citations = List.copyOf(citations);
  }

  /** "The articles do not answer this question", in the question's language, citing nothing. */
  public static Answer notInArticles(String question, String language, String mode) {
    return new Answer(
        question, Phrases.notInArticles(language), language, false, List.of(), mode, Timings.NONE);
  }

  public Answer withTimings(Timings newTimings) {
    return new Answer(question, text, language, grounded, citations, mode, newTimings);
  }

  /** Milliseconds spent retrieving, answering and in total. */
  public record Timings(double retrieveMs, double answerMs, double totalMs) {
    public static final Timings NONE = new Timings(0, 0, 0);
  }
}
