package dev.citebot.bench;

import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;
import dev.citebot.cli.EvalReport;
import dev.citebot.cli.EvalReport.Cite;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Lists the dev questions whose first citation misses the gold lines, with the gold line and the
 * cited quote side by side: what to read before changing a ranking rule. Arguments: corpus folder,
 * questions file, index folder.
 */
public final class Failures {
  private Failures() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    List<GoldQuestion> questions = GoldQuestion.read(Path.of(args[1]));
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    int missed = 0;
    try (CitebotSystem system =
        CitebotSystem.open(
            corpus,
            Path.of(args[2]),
            false,
            System.getenv("MODEL") == null ? null : Path.of(System.getenv("MODEL")))) {
      for (GoldQuestion q : questions) {
        Answer answer = system.answer(q.question());
        List<Citation> cites = answer.citations();
        if (!cites.isEmpty() && EvalReport.matches(Cite.of(cites.get(0)), q.gold())) {
          continue;
        }
        missed++;
        int rank = -1;
        for (int i = 0; i < cites.size(); i++) {
          if (EvalReport.matches(Cite.of(cites.get(i)), q.gold())) {
            rank = i + 1;
            break;
          }
        }
        List<String> lines = Files.readAllLines(corpus.resolve(q.file()), StandardCharsets.UTF_8);
        out.printf("## %s  %s%n", q.id(), q.question());
        out.printf(
            "gold %s:%d %s  (gold at rank %d, grounded %s)%n",
            q.file(), q.firstLine(), q.answers(), rank, answer.grounded());
        out.printf("  gold line: %s%n", clip(lines.get(q.firstLine() - 1)));
        for (int i = 0; i < Math.min(2, cites.size()); i++) {
          Citation c = cites.get(i);
          out.printf(
              "  cite %d %s:%d-%d p=%.3f: %s%n",
              i + 1,
              c.file(),
              c.firstLine(),
              c.lastLine(),
              c.answerProbability().orElse(Double.NaN),
              clip(c.quote()));
        }
      }
    }
    out.printf("missed %d of %d%n", missed, questions.size());
  }

  private static String clip(String s) {
    return s.length() > 300 ? s.substring(0, 300) + "…" : s;
  }
}
