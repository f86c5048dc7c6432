package dev.citebot.bench;

import dev.citebot.answer.Answer;
import java.util.List;

/**
 * What one system said to one question, in the terms the metrics need: the answer text, whether it
 * claims the corpus answers, its citations in rank order, and the time it took.
 */
record Reply(String text, boolean grounded, List<Cite> citations, double ms) {
  Reply {
    citations = List.copyOf(citations);
  }

  /** A cited line range of a corpus file (1-based, inclusive). */
  record Cite(String file, int firstLine, int lastLine) {}

  static Reply of(Answer answer) {
    return new Reply(
        answer.text(),
        answer.grounded(),
        answer.citations().stream()
            .map(c -> new Cite(c.file(), c.firstLine(), c.lastLine()))
            .toList(),
        answer.timings().totalMs());
  }
}
