package dev.citebot.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.rank.AnswerModel;
import dev.citebot.rank.LinearModel;
import dev.citebot.rank.RefusalThresholds;
import dev.citebot.rank.SentenceFeatures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code bench/train}: fits the answer model on the XQuAD dev questions, measures it on held-out
 * folds, and writes it to {@code src/main/resources/models/answer-model.json} with what it was
 * fitted on and those held-out scores. Also prints (and writes to target/quality/train.md) the
 * held-out and in-sample numbers and the ablation table of EVAL.md. The in-sample scores go to
 * eval/dev-scores.json, which DevSetRegressionTest holds the shipped model to.
 *
 * <p>Options: {@code --limit N} (first N questions of each set; the model is then not written),
 * {@code --no-ablation}.
 */
public final class Train {
  /** Features left out together in the ablation: one line of the table. */
  record Group(String name, List<String> features) {}

  static final List<Group> GROUPS =
      List.of(
          new Group(
              "coverage (sentence, paragraph, passage, title)",
              List.of("coverSentence", "coverParagraph", "coverPassage", "coverTitle")),
          new Group("support (all word pairs)", List.of("supportSentence", "supportPassage")),
          new Group("retrieval rank and fused score", List.of("fusedRank", "fusedScore")),
          new Group("BM25 share of each ranking", List.of("bm25Language", "bm25Folded")),
          new Group(
              "answer type (when, how many, who)", List.of("typeWhen", "typeNumber", "typeWho")),
          new Group(
              "cross-language (flag, coverage, concepts)",
              List.of("crossLanguage", "coverSentenceCross", "conceptsCross")),
          new Group("numbers of the question", List.of("numbers")),
          new Group("names of the question", List.of("namesSentence", "namesPassage")),
          new Group("novelty", List.of("novelty")));

  public static void main(String[] args) throws Exception {
    int limit = Integer.MAX_VALUE;
    boolean ablation = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--limit" -> limit = Integer.parseInt(args[++i]);
        case "--no-ablation" -> ablation = false;
        default -> {
          System.err.println("Unknown option " + args[i] + "; use --limit N, --no-ablation.");
          System.exit(2);
        }
      }
    }
    Path root = Path.of("").toAbsolutePath();
    Path tmp = Files.createTempDirectory("citebot-train");
    try {
      StringBuilder md = new StringBuilder();
      AnswerModelTraining training = new AnswerModelTraining(root, tmp, limit);
      AnswerModelTraining.Data data = training.collect();
      boolean[] all = AnswerModelTraining.all();
      AnswerModelTraining.FoldModels folds = AnswerModelTraining.foldModels(data, all);
      ObjectNode about = AnswerModelTraining.about(data);
      AnswerModel model = AnswerModelTraining.fit(data, all, folds.refuseBelow(), about);
      AnswerModelTraining.Results results = training.measure(folds, model);
      md.append(report(results, folds.refuseBelow()));
      md.append(sweep(data));
      about.set("held_out", QualityTables.json(results.heldOut()));
      about.set("in_sample", QualityTables.json(results.inSample()));
      if (ablation) {
        md.append(ablation(data));
      }
      md.append(weights(model));
      if (limit == Integer.MAX_VALUE) {
        Path out = root.resolve("src/main/resources" + AnswerModel.BUNDLED);
        model.write(out);
        System.err.println("model written to " + root.relativize(out));
        // What DevSetRegressionTest holds the shipped model to.
        Path scores = root.resolve("eval/dev-scores.json");
        Files.writeString(
            scores,
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValueAsString(QualityTables.json(results.inSample()))
                + "\n",
            StandardCharsets.UTF_8);
        System.err.println("in-sample scores written to " + root.relativize(scores));
      }
      Path report = root.resolve("target/quality/train.md");
      Files.createDirectories(report.getParent());
      Files.writeString(report, md, StandardCharsets.UTF_8);
      System.out.print(md);
    } finally {
      QualityReport.deleteTree(tmp);
    }
  }

  static String report(AnswerModelTraining.Results r, RefusalThresholds refuseBelow) {
    StringBuilder md = new StringBuilder();
    md.append("## Held-out folds and in-sample (XQuAD dev, 5 folds by article)\n\n");
    md.append(QualityTables.heldOutTable(r));
    md.append(
        ("\nRefusal thresholds (answerability probability, held-out): %.3f in the question's"
                    + " language, %.3f from another language. Unanswerable questions")
                .formatted(refuseBelow.sameLanguage(), refuseBelow.crossLanguage())
            + " refused (each fold's questions against the corpus without its articles, held-out"
            + " model): ");
    r.heldOutRefusedUnanswerable().forEach((t, v) -> md.append("%s %.3f; ".formatted(t, v)));
    md.append("near misses (the corpus without the question's paragraph): ");
    r.heldOutRefusedNearMiss().forEach((t, v) -> md.append("%s %.3f; ".formatted(t, v)));
    md.append("\n\n");
    return md.toString();
  }

  static String sweep(AnswerModelTraining.Data data) {
    StringBuilder md =
        new StringBuilder("## Refusal: the cap on false refusals (held-out folds)\n\n");
    md.append("One threshold for answers in any language (the rule before the cross-language");
    md.append(" threshold), the highest that refuses at most the cap of the answerable");
    md.append(" questions of each task that have a candidate; shares refused per task: answerable");
    md.append(" / asked without their article / near misses (without their paragraph).\n\n");
    md.append(
        "| cap | threshold | vi answerable | vi other articles | vi near misses | en answerable");
    md.append(" | en other articles | en near misses | en2vi answerable | en2vi other articles |");
    md.append(" en2vi near misses |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
    AnswerModelTraining.refusalSweep(data, List.of(0.005, 0.01, 0.02, 0.03, 0.05))
        .forEach(r -> md.append(r).append('\n'));
    return md.append('\n').toString();
  }

  /** Held-out ranking (no refusal) with each feature group left out. */
  static String ablation(AnswerModelTraining.Data data) {
    StringBuilder md = new StringBuilder();
    md.append("## What each feature group contributes (held-out folds, ranking only)\n\n");
    md.append("cite@1 and hit@5 of the ranking alone (no refusal), held-out folds; Δ = without");
    md.append(" the group minus with every feature.\n\n");
    md.append(
        "| left out | vi cite@1 | en cite@1 | en2vi cite@1 | vi hit@5 | en hit@5 | en2vi hit@5 |\n");
    md.append("|---|---|---|---|---|---|---|\n");
    Map<String, double[]> full =
        AnswerModelTraining.rankingScores(
            data, AnswerModelTraining.foldModels(data, AnswerModelTraining.all()));
    md.append(ablationRow("nothing (all features)", full, null));
    for (Group g : GROUPS) {
      boolean[] use = AnswerModelTraining.all();
      for (String f : g.features()) {
        use[SentenceFeatures.NAMES.indexOf(f)] = false;
      }
      Map<String, double[]> without =
          AnswerModelTraining.rankingScores(data, AnswerModelTraining.foldModels(data, use));
      md.append(ablationRow(g.name(), without, full));
      System.err.println("ablation: " + g.name());
    }
    md.append("\n");
    return md.toString();
  }

  private static String ablationRow(
      String name, Map<String, double[]> scores, Map<String, double[]> base) {
    StringBuilder row = new StringBuilder("| " + name + " |");
    for (int metric = 0; metric < 2; metric++) {
      for (String task : List.of("vi", "en", "en2vi")) {
        double v = scores.getOrDefault(task, new double[2])[metric];
        row.append(
            base == null
                ? " %.3f |".formatted(v)
                : " %.3f (%+.3f) |"
                    .formatted(v, v - base.getOrDefault(task, new double[2])[metric]));
      }
    }
    return row + "\n";
  }

  static String weights(AnswerModel m) {
    StringBuilder md = new StringBuilder("## The fitted weights (final model, all folds)\n\n");
    md.append("| feature | ranker | answerability |\n|---|---|---|\n");
    LinearModel r = m.ranker();
    LinearModel a = m.answerability();
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(r.features());
    all.addAll(a.features());
    for (String f : all) {
      md.append("| %s | %s | %s |\n".formatted(f, weight(r, f), weight(a, f)));
    }
    md.append("| (bias) | | %.3f |\n\n".formatted(a.bias()));
    return md.toString();
  }

  private static String weight(LinearModel m, String feature) {
    int i = m.features().indexOf(feature);
    return i < 0 ? "" : "%.3f".formatted(m.weights()[i]);
  }

  private Train() {}
}
