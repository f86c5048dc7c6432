package dev.citebot.bench;

import dev.citebot.answer.Answer;
import dev.citebot.cli.EvalReport;
import dev.citebot.cli.EvalReport.Cite;
import java.util.List;

/**
 * What one system said to one question, in the terms the metrics need: the answer text, whether it
 * claims the corpus answers, its citations in rank order, and the time it took.
 */
record Reply(String text, boolean grounded, List<Cite> citations, double ms) {
  Reply {
    citations = List.copyOf(citations);
  }

  /** Scores this reply to {@code q} on {@code report}, the metrics of {@code citebot eval}. */
  void addTo(EvalReport report, GoldQuestion q) {
    report.add(q.gold(), text, grounded, citations, ms);
  }

  static Reply of(Answer answer) {
    return new Reply(
        answer.text(),
        answer.grounded(),
        answer.citations().stream().map(Cite::of).toList(),
        answer.timings().totalMs());
  }
}
