package dev.citebot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Scores answers against gold file + lines, the way ../shared/eval/xquad/README.md defines the
 * metrics: file@1, cite@1 (first citation's file and lines overlap the gold), hit@5 and MRR@5 over
 * the first five citations, answer-contains-gold, abstain rate, latency and answer length.
 *
 * <p>Public because the quality benchmark (src/test/java/dev/citebot/bench) scores citebot and its
 * baselines with these same metrics, so {@code citebot eval} and the report of EVAL.md agree.
 */
public final class EvalReport {
  public static final int K = 5;

  /** One question with its gold place and answers. */
  public record Gold(
      String question, String file, int firstLine, int lastLine, List<String> answers) {

    /** The gold of one line of an eval set; without {@code gold_file} the file is "". */
    public static Gold of(JsonNode o) {
      List<String> answers = new ArrayList<>();
      o.path("answers").forEach(a -> answers.add(a.asText()));
      return new Gold(
          o.path("question").asText(),
          o.path("gold_file").asText(""),
          o.path("gold_lines").path(0).asInt(0),
          o.path("gold_lines").path(1).asInt(0),
          answers);
    }
  }

  /** A cited line range of a corpus file (1-based, inclusive), in rank order in an answer. */
  public record Cite(String file, int firstLine, int lastLine) {
    public static Cite of(Citation c) {
      return new Cite(c.file(), c.firstLine(), c.lastLine());
    }
  }

  /** The metrics of a run, each 0..1 except the milliseconds and characters. */
  public record Metrics(
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

  /** The non-blank lines of a JSONL eval set (eval/xquad/README.md), parsed. */
  public static List<JsonNode> readJsonl(Path file) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          out.add(mapper.readTree(line));
        }
      }
    }
    return out;
  }

  public void add(Gold gold, Answer answer) {
    add(
        gold,
        answer.text(),
        answer.grounded(),
        answer.citations().stream().map(Cite::of).toList(),
        answer.timings().totalMs());
  }

  /**
   * One answer in plain values, for systems that do not produce an {@link Answer} (the benchmark's
   * baselines): its text, whether it claims the corpus answers, its citations in rank order and its
   * total milliseconds.
   */
  public void add(Gold gold, String text, boolean grounded, List<Cite> cites, double totalMs) {
    n++;
    latencies.add(totalMs);
    if (!grounded) {
      abstained++;
    } else {
      lengths.add(text.length());
    }
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
    String folded = normalize(text);
    if (gold.answers().stream().anyMatch(a -> folded.contains(normalize(a)))) {
      hasGold++;
    }
  }

  /** The citation's file is the gold file and its lines overlap the gold lines. */
  public static boolean matches(Cite c, Gold gold) {
    return c.file().equals(gold.file())
        && c.firstLine() <= gold.lastLine()
        && c.lastLine() >= gold.firstLine();
  }

  /** NFC, lower case, whitespace folded: the README's comparison. */
  public static String normalize(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC)
        .toLowerCase(Locale.ROOT)
        .replaceAll("\\s+", " ")
        .strip();
  }

  public Metrics metrics() {
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
