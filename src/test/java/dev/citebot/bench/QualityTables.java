package dev.citebot.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.cli.EvalReport;
import java.util.List;
import java.util.Map;

/** The held-out/in-sample table shared by bench/train and bench/quality, and its JSON form. */
final class QualityTables {
  private QualityTables() {}

  static String heldOutTable(AnswerModelTraining.Results r) {
    StringBuilder md = new StringBuilder();
    md.append(
        "| task | measured on | file@1 | cite@1 | hit@5 | MRR@5 | answer_has_gold | abstain | p50 ms"
            + " | p95 ms | median chars | cite@1 per fold (min–max) | hit@5 per fold (min–max) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (String task : r.heldOut().keySet()) {
      List<EvalReport.Metrics> folds = r.perFold().get(task);
      md.append(
          "| %s | held-out folds | %s | %.0f | %s | %s |\n"
              .formatted(
                  task,
                  QualityReport.cells(r.heldOut().get(task)),
                  r.heldOut().get(task).medianAnswerChars(),
                  range(folds.stream().mapToDouble(EvalReport.Metrics::citeAt1).toArray()),
                  range(folds.stream().mapToDouble(EvalReport.Metrics::hitAt5).toArray())));
      md.append(
          "| %s | in-sample | %s | %.0f | | |\n"
              .formatted(
                  task,
                  QualityReport.cells(r.inSample().get(task)),
                  r.inSample().get(task).medianAnswerChars()));
    }
    return md.toString();
  }

  private static String range(double[] v) {
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (double x : v) {
      min = Math.min(min, x);
      max = Math.max(max, x);
    }
    return QualityReport.f3(min) + "–" + QualityReport.f3(max);
  }

  static ObjectNode json(Map<String, EvalReport.Metrics> byTask) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    byTask.forEach(
        (task, m) -> {
          ObjectNode o = out.putObject(task);
          o.put("questions", m.questions());
          o.put("file_at_1", round(m.fileAt1()));
          o.put("cite_at_1", round(m.citeAt1()));
          o.put("hit_at_5", round(m.hitAt5()));
          o.put("answer_has_gold", round(m.answerHasGold()));
          o.put("abstain", round(m.abstainRate()));
          o.put("median_chars", m.medianAnswerChars());
        });
    return out;
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
