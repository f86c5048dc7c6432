package dev.citebot.bench;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The metrics of src/main/java/dev/citebot/cli/EvalReport.java (the {@code citebot eval} command),
 * copied because that class is package-private: file@1, cite@1 (first citation's file and lines
 * overlap the gold), hit@5 and MRR@5 over the first five citations, answer-contains-gold (NFC,
 * lower case, whitespace folded), abstain rate, latency p50/p95 and the median length of grounded
 * answers. Keep the two in step.
 */
final class Scorecard {
  static final int K = 5;

  record Metrics(
      int questions,
      double fileAt1,
      double citeAt1,
      double hitAt5,
      double mrrAt5,
      double answerHasGold,
      double abstainRate,
      double p50Ms,
      double p95Ms,
      double medianAnswerChars) {}

  private int n;
  private int file1;
  private int cite1;
  private int hit5;
  private double mrr;
  private int hasGold;
  private int abstained;
  private final List<Double> latencies = new ArrayList<>();
  private final List<Integer> lengths = new ArrayList<>();

  void add(GoldQuestion gold, Reply reply) {
    n++;
    latencies.add(reply.ms());
    if (!reply.grounded()) {
      abstained++;
    } else {
      lengths.add(reply.text().length());
    }
    List<Reply.Cite> cites = reply.citations();
    if (!cites.isEmpty() && cites.get(0).file().equals(gold.file())) {
      file1++;
    }
    for (int i = 0; i < Math.min(K, cites.size()); i++) {
      if (matches(cites.get(i), gold)) {
        if (i == 0) {
          cite1++;
        }
        hit5++;
        mrr += 1.0 / (i + 1);
        break;
      }
    }
    if (hasGold(reply.text(), gold.answers())) {
      hasGold++;
    }
  }

  static boolean matches(Reply.Cite c, GoldQuestion gold) {
    return c.file().equals(gold.file())
        && c.firstLine() <= gold.lastLine()
        && c.lastLine() >= gold.firstLine();
  }

  static boolean hasGold(String answer, List<String> answers) {
    String text = normalize(answer);
    return answers.stream().anyMatch(a -> text.contains(normalize(a)));
  }

  /** NFC, lower case, whitespace folded: the comparison of eval/xquad/README.md. */
  static String normalize(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", " ")
        .strip();
  }

  Metrics metrics() {
    double d = Math.max(1, n);
    return new Metrics(
        n,
        file1 / d,
        cite1 / d,
        hit5 / d,
        mrr / d,
        hasGold / d,
        abstained / d,
        percentile(latencies, 50),
        percentile(latencies, 95),
        percentile(lengths.stream().map(Integer::doubleValue).toList(), 50));
  }

  static double percentile(List<Double> values, int p) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }
}
