package dev.citebot.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.citebot.cli.EvalReport;
import dev.citebot.rank.AnswerModel;
import dev.citebot.rank.LinearModel;
import dev.citebot.rank.RefusalThresholds;
import dev.citebot.rank.SentenceFeatures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Fits citebot's answer model on the XQuAD dev questions and measures it the way users meet it: the
 * dev articles are split into {@link #FOLDS} folds (article % FOLDS); each fold is answered by a
 * model fitted on the other four, and only those held-out answers are scored. Unanswerable examples
 * are the questions of a fold asked against the corpus without that fold's articles: the other
 * articles share names and words with them but not the asked-for fact.
 */
final class AnswerModelTraining {
  static final int FOLDS = 5;

  /**
   * Prior: at most this share of each task's answerable questions may be refused when the answer is
   * in the question's language. At 2 % vi and en refuse 1.9 % and hit@5 falls to .976-.979 (refusal
   * sweep in EVAL.md), and a refused answer hides a checkable one, while a wrong one still shows
   * its sources.
   */
  static final double MAX_FALSE_REFUSALS = 0.01;

  /**
   * Prior: at most this share of all answerable questions may be refused (the limit). What
   * same-language answers leave of it goes to answers from another language, where thin evidence
   * makes wrong answers hardest to tell apart (EVAL.md, refusal).
   */
  static final double MAX_FALSE_REFUSALS_POOLED = 0.02;

  private static final int CROSS = SentenceFeatures.NAMES.indexOf("crossLanguage");

  /** A question set over its corpus. */
  record Task(String name, Path corpus, Path questions) {}

  /** The candidates of every dev question, on the full corpus and without its fold's articles. */
  record Data(
      List<RankingSet> answerable, List<RankingSet> otherArticles, List<RankingSet> nearMisses) {
    Data folds(Predicate<Integer> keep) {
      return new Data(keep(answerable, keep), keep(otherArticles, keep), keep(nearMisses, keep));
    }

    private static List<RankingSet> keep(List<RankingSet> sets, Predicate<Integer> keep) {
      return sets.stream().filter(s -> keep.test(fold(s))).toList();
    }

    /** Both kinds of unanswerable questions. */
    List<RankingSet> unanswerable() {
      return java.util.stream.Stream.concat(otherArticles.stream(), nearMisses.stream()).toList();
    }
  }

  static int fold(RankingSet s) {
    return s.article() % FOLDS;
  }

  static int fold(GoldQuestion q) {
    return q.xquadArticle() % FOLDS;
  }

  private final Path root;
  private final Path tmp;
  private final List<Task> tasks;
  private final int limit;

  AnswerModelTraining(Path root, Path tmp, int limit) {
    this.root = root;
    this.tmp = tmp;
    this.limit = limit;
    Path xq = root.resolve("eval/xquad");
    this.tasks =
        List.of(
            new Task("vi", xq.resolve("vi/corpus"), xq.resolve("vi/questions-dev.jsonl")),
            new Task("en", xq.resolve("en/corpus"), xq.resolve("en/questions-dev.jsonl")),
            new Task("en2vi", xq.resolve("vi/corpus"), xq.resolve("en2vi/questions-dev.jsonl")));
  }

  List<Task> tasks() {
    return tasks;
  }

  List<GoldQuestion> questions(Task t) throws IOException {
    List<GoldQuestion> all = GoldQuestion.read(t.questions());
    return all.size() > limit ? all.subList(0, limit) : all;
  }

  /** The corpus without the dev articles of {@code fold} (copied once into the temp folder). */
  Path without(Path corpus, int fold) throws IOException {
    Path out = tmp.resolve("without-fold-" + fold).resolve(corpus.getParent().getFileName());
    if (!Files.isDirectory(out)) {
      Files.createDirectories(out);
      QualityReport.copyFiles(
          corpus,
          out,
          f -> {
            int article = GoldQuestion.xquadArticle(f.getFileName().toString());
            return article >= 24 || article % FOLDS != fold;
          });
    }
    return out;
  }

  /**
   * The corpus with the paragraphs of the fold's dev articles of one {@code parity} (paragraph
   * number % 2) blanked out, line numbers kept: the questions of those paragraphs become near
   * misses, asked of a corpus that still has their article, its names and its topic, but not the
   * fact.
   */
  Path withoutParagraphs(Path corpus, int fold, int parity) throws IOException {
    Path out =
        tmp.resolve("without-paragraphs-" + fold + "-" + parity)
            .resolve(corpus.getParent().getFileName());
    if (!Files.isDirectory(out)) {
      Files.createDirectories(out);
      try (var files = Files.list(corpus)) {
        for (Path f : files.sorted().toList()) {
          int article = GoldQuestion.xquadArticle(f.getFileName().toString());
          List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
          if (article < 24 && article % FOLDS == fold) {
            for (int line = 3; line <= lines.size(); line += 2) {
              if (paragraph(line) % 2 == parity) {
                lines.set(line - 1, "");
              }
            }
          }
          Files.write(out.resolve(f.getFileName()), lines, StandardCharsets.UTF_8);
        }
      }
    }
    return out;
  }

  /** The 0-based paragraph of an XQuAD file line (paragraph j is on line 3 + 2j). */
  static int paragraph(int line) {
    return (line - 3) / 2;
  }

  Path indexDir() {
    return tmp.resolve("index");
  }

  /**
   * A model file with every weight 0, for collecting candidates: they do not depend on the model,
   * but citebot reads one when it opens, and the one in the jar is for the features of the last
   * training, which may not be this version's.
   */
  private Path untrainedModel() throws IOException {
    Path file = tmp.resolve("model-untrained.json");
    List<String> answerability = AnswerModel.ANSWERABILITY_FEATURES;
    new AnswerModel(
            new LinearModel(SentenceFeatures.NAMES, new double[SentenceFeatures.NAMES.size()], 0),
            new LinearModel(answerability, new double[answerability.size()], 0),
            RefusalThresholds.both(0),
            null)
        .write(file);
    return file;
  }

  /** Candidates of every question: what the models are fitted and measured on. */
  Data collect() throws IOException {
    Path model = untrainedModel();
    List<RankingSet> answerable = new ArrayList<>();
    List<RankingSet> unanswerable = new ArrayList<>();
    List<RankingSet> nearMisses = new ArrayList<>();
    for (Task t : tasks) {
      List<GoldQuestion> qs = questions(t);
      try (CitebotSystem bot = CitebotSystem.open(t.corpus(), indexDir(), false, model)) {
        for (GoldQuestion q : qs) {
          answerable.add(RankingSet.of(bot.bot(), t.name(), q, true));
        }
      }
      for (int f = 0; f < FOLDS; f++) {
        try (CitebotSystem bot =
            CitebotSystem.open(without(t.corpus(), f), indexDir(), false, model)) {
          for (GoldQuestion q : qs) {
            if (fold(q) == f) {
              unanswerable.add(RankingSet.of(bot.bot(), t.name(), q, false));
            }
          }
        }
        for (int parity = 0; parity < 2; parity++) {
          try (CitebotSystem bot =
              CitebotSystem.open(
                  withoutParagraphs(t.corpus(), f, parity), indexDir(), false, model)) {
            for (GoldQuestion q : qs) {
              if (fold(q) == f && paragraph(q.firstLine()) % 2 == parity) {
                nearMisses.add(RankingSet.of(bot.bot(), t.name(), q, false));
              }
            }
          }
        }
      }
      progress("candidates of " + t.name() + ": " + qs.size() + " questions");
    }
    return new Data(answerable, unanswerable, nearMisses);
  }

  /** The best row of a set under {@code ranker}, with its score and lead over the next one. */
  record Best(RankingSet.Row row, double score, double lead) {}

  static Best best(RankingSet s, LinearModel ranker) {
    RankingSet.Row best = null;
    double top = Double.NEGATIVE_INFINITY;
    double second = Double.NEGATIVE_INFINITY;
    for (RankingSet.Row r : s.rows()) {
      double v = ranker.apply(r.x());
      if (v > top) {
        second = top;
        top = v;
        best = r;
      } else if (v > second) {
        second = v;
      }
    }
    return best == null
        ? null
        : new Best(best, top, second == Double.NEGATIVE_INFINITY ? 0 : top - second);
  }

  static double[] answerabilityInput(Best b) {
    return AnswerModel.answerabilityInput(b.row().x(), b.score(), b.lead());
  }

  /** Fits both models on {@code data}; features outside {@code use} are left out (ablation). */
  static AnswerModel fit(
      Data data, boolean[] use, RefusalThresholds refuseBelow, ObjectNode about) {
    LinearModel ranker = ModelFitting.ranker(SentenceFeatures.NAMES, data.answerable(), use);
    List<double[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (List<RankingSet> sets : List.of(data.answerable(), data.unanswerable())) {
      for (RankingSet s : sets) {
        Best b = best(s, ranker);
        if (b != null) {
          x.add(answerabilityInput(b));
          y.add(s.answerable());
        }
      }
    }
    boolean[] labels = new boolean[y.size()];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = y.get(i);
    }
    LinearModel answerability =
        ModelFitting.logistic(
            AnswerModel.ANSWERABILITY_FEATURES, x.toArray(new double[0][]), labels);
    return new AnswerModel(ranker, answerability, refuseBelow, about);
  }

  static boolean[] all() {
    boolean[] use = new boolean[SentenceFeatures.NAMES.size()];
    Arrays.fill(use, true);
    return use;
  }

  /** What the folds give: a model per fold and the refusal thresholds from held-out predictions. */
  record FoldModels(List<AnswerModel> models, RefusalThresholds refuseBelow) {}

  /** A held-out answerable question's best sentence: its probability, and whether it is foreign. */
  private record HeldOut(double probability, boolean cross) {}

  /**
   * Fits one model per fold on the other folds, then picks the refusal thresholds from the held-out
   * probabilities of answerable questions. Same language: the highest that refuses at most {@link
   * #MAX_FALSE_REFUSALS} of those that have a candidate at all (retrieval finding nothing is a
   * refusal no threshold changes), in each task (vi, en), not just on average. Another language:
   * the highest that keeps all refusals of answerable questions (no candidate, same language,
   * another language) within {@link #MAX_FALSE_REFUSALS_POOLED} of them.
   */
  static FoldModels foldModels(Data data, boolean[] use) {
    List<AnswerModel> models = new ArrayList<>();
    Map<String, List<HeldOut>> heldOut = new LinkedHashMap<>(); // per task
    int noCandidate = 0;
    for (int f = 0; f < FOLDS; f++) {
      int held = f;
      AnswerModel m = fit(data.folds(k -> k != held), use, RefusalThresholds.both(0), null);
      models.add(m);
      for (RankingSet s : data.folds(k -> k == held).answerable()) {
        Best b = best(s, m.ranker());
        if (b == null) { // without a candidate the answer is a refusal whatever the threshold
          noCandidate++;
          continue;
        }
        heldOut
            .computeIfAbsent(s.task(), t -> new ArrayList<>())
            .add(
                new HeldOut(
                    m.answerability().probability(answerabilityInput(b)), b.row().x()[CROSS] > 0));
      }
    }
    double same = 1;
    for (Map.Entry<String, List<HeldOut>> e : heldOut.entrySet()) {
      List<Double> p = probabilities(e.getValue(), false);
      if (!p.isEmpty()) {
        double t = p.get((int) Math.floor(MAX_FALSE_REFUSALS * p.size()));
        progress(
            "same-language refusal threshold for at most %.1f %% false refusals in %s: %.3f"
                .formatted(100 * MAX_FALSE_REFUSALS, e.getKey(), t));
        same = Math.min(same, t);
      }
    }
    List<HeldOut> all = heldOut.values().stream().flatMap(List::stream).toList();
    double sameThreshold = same;
    long refusedSame =
        all.stream().filter(h -> !h.cross() && h.probability() < sameThreshold).count();
    List<Double> cross = probabilities(all, true);
    int budget =
        (int)
            Math.max(
                0,
                Math.floor(MAX_FALSE_REFUSALS_POOLED * data.answerable().size())
                    - noCandidate
                    - refusedSame);
    double crossThreshold = cross.isEmpty() ? same : cross.get(Math.min(budget, cross.size() - 1));
    progress(
        "cross-language refusal threshold for at most %.1f %% false refusals in all (%d questions without a candidate, %d refused in their language): %.3f"
            .formatted(100 * MAX_FALSE_REFUSALS_POOLED, noCandidate, refusedSame, crossThreshold));
    RefusalThresholds thresholds = new RefusalThresholds(same, crossThreshold);
    List<AnswerModel> withThresholds = new ArrayList<>();
    for (AnswerModel m : models) {
      withThresholds.add(new AnswerModel(m.ranker(), m.answerability(), thresholds, null));
    }
    return new FoldModels(withThresholds, thresholds);
  }

  /** The sorted probabilities of the held-out questions whose best sentence is (not) foreign. */
  private static List<Double> probabilities(List<HeldOut> heldOut, boolean cross) {
    return heldOut.stream()
        .filter(h -> h.cross() == cross)
        .map(HeldOut::probability)
        .sorted()
        .toList();
  }

  /**
   * For each cap on false refusals: the threshold it gives and, per task, the held-out share of
   * answerable questions refused (a question without any candidate counts as refused), of questions
   * asked without their article, and of near misses. Computed from the fold models' probabilities,
   * as {@link #foldModels} picks its threshold.
   */
  static List<String> refusalSweep(Data data, List<Double> caps) {
    List<AnswerModel> models = new ArrayList<>();
    for (int f = 0; f < FOLDS; f++) {
      int held = f;
      models.add(fit(data.folds(k -> k != held), all(), RefusalThresholds.both(0), null));
    }
    Map<String, List<Double>> answerable = probabilities(data.answerable(), models);
    Map<String, List<Double>> other = probabilities(data.otherArticles(), models);
    Map<String, List<Double>> near = probabilities(data.nearMisses(), models);
    List<String> rows = new ArrayList<>();
    for (double cap : caps) {
      double threshold = 1;
      for (List<Double> p : answerable.values()) {
        List<Double> found = p.stream().filter(v -> v >= 0).sorted().toList();
        threshold = Math.min(threshold, found.get((int) Math.floor(cap * found.size())));
      }
      double t = threshold;
      StringBuilder row = new StringBuilder("| %.1f %% | %.3f |".formatted(100 * cap, t));
      for (String task : answerable.keySet()) {
        row.append(
            " %.3f | %.3f | %.3f |"
                .formatted(
                    below(answerable.get(task), t),
                    below(other.get(task), t),
                    below(near.get(task), t)));
      }
      rows.add(row.toString());
    }
    return rows;
  }

  /** Held-out probabilities per task; -1 for a question without any candidate. */
  private static Map<String, List<Double>> probabilities(
      List<RankingSet> sets, List<AnswerModel> models) {
    Map<String, List<Double>> out = new LinkedHashMap<>();
    for (RankingSet s : sets) {
      AnswerModel m = models.get(fold(s));
      Best b = best(s, m.ranker());
      out.computeIfAbsent(s.task(), k -> new ArrayList<>())
          .add(b == null ? -1 : m.answerability().probability(answerabilityInput(b)));
    }
    return out;
  }

  private static double below(List<Double> p, double threshold) {
    return p == null
        ? Double.NaN
        : p.stream().filter(v -> v < threshold).count() / (double) p.size();
  }

  /**
   * Ranking alone, without refusal, per task: cite@1 and hit@5 over distinct lines, as the answer's
   * citations would be. Used for the ablation, where running the whole product per variant would
   * measure the same thing slower.
   */
  static Map<String, double[]> rankingScores(Data data, FoldModels folds) {
    Map<String, double[]> sums = new LinkedHashMap<>(); // task -> {n, cite1, hit5}
    for (RankingSet s : data.answerable()) {
      LinearModel ranker = folds.models().get(fold(s)).ranker();
      List<RankingSet.Row> rows = new ArrayList<>(s.rows());
      rows.sort(Comparator.comparingDouble((RankingSet.Row r) -> ranker.apply(r.x())).reversed());
      List<EvalReport.Cite> cited = new ArrayList<>();
      for (RankingSet.Row r : rows) {
        if (cited.size() == EvalReport.K) {
          break;
        }
        if (cited.stream().noneMatch(c -> overlap(c, r.cited()))) {
          cited.add(r.cited());
        }
      }
      double[] sum = sums.computeIfAbsent(s.task(), t -> new double[3]);
      sum[0]++;
      if (!cited.isEmpty() && EvalReport.matches(cited.get(0), s.gold())) {
        sum[1]++;
      }
      if (cited.stream().anyMatch(c -> EvalReport.matches(c, s.gold()))) {
        sum[2]++;
      }
    }
    Map<String, double[]> out = new LinkedHashMap<>();
    sums.forEach((t, v) -> out.put(t, new double[] {v[1] / v[0], v[2] / v[0]}));
    return out;
  }

  private static boolean overlap(EvalReport.Cite a, EvalReport.Cite b) {
    return a.file().equals(b.file())
        && a.firstLine() <= b.lastLine()
        && a.lastLine() >= b.firstLine();
  }

  /** Held-out and in-sample results of the product itself, per task. */
  record Results(
      Map<String, EvalReport.Metrics> heldOut,
      Map<String, List<EvalReport.Metrics>> perFold,
      Map<String, Double> heldOutRefusedUnanswerable,
      Map<String, Double> heldOutRefusedNearMiss,
      Map<String, EvalReport.Metrics> inSample) {}

  /**
   * Answers every dev question with the model that did not see its fold (and, for in-sample, with
   * {@code finalModel}), through citebot itself, scored by {@code citebot eval}'s metrics.
   */
  Results measure(FoldModels folds, AnswerModel finalModel) throws IOException {
    Map<String, EvalReport> pooled = new LinkedHashMap<>();
    Map<String, List<EvalReport.Metrics>> perFold = new LinkedHashMap<>();
    Map<String, int[]> refused = new LinkedHashMap<>();
    Map<String, EvalReport.Metrics> inSample = new LinkedHashMap<>();
    for (Task t : tasks) {
      List<GoldQuestion> qs = questions(t);
      EvalReport all = new EvalReport();
      List<EvalReport.Metrics> folded = new ArrayList<>();
      int[] r = new int[4]; // asked, refused: without the article; without the paragraph
      for (int f = 0; f < FOLDS; f++) {
        Path model = tmp.resolve("model-fold-" + f + ".json");
        folds.models().get(f).write(model);
        int held = f;
        List<GoldQuestion> fq = qs.stream().filter(q -> fold(q) == held).toList();
        EvalReport one = new EvalReport();
        try (CitebotSystem bot = CitebotSystem.open(t.corpus(), indexDir(), false, model)) {
          for (GoldQuestion q : fq) {
            Reply reply = bot.ask(q.question());
            reply.addTo(all, q);
            reply.addTo(one, q);
          }
        }
        folded.add(one.metrics());
        try (CitebotSystem bot =
            CitebotSystem.open(without(t.corpus(), f), indexDir(), false, model)) {
          for (GoldQuestion q : fq) {
            r[0]++;
            r[1] += bot.ask(q.question()).grounded() ? 0 : 1;
          }
        }
        for (int parity = 0; parity < 2; parity++) {
          try (CitebotSystem bot =
              CitebotSystem.open(
                  withoutParagraphs(t.corpus(), f, parity), indexDir(), false, model)) {
            for (GoldQuestion q : fq) {
              if (paragraph(q.firstLine()) % 2 == parity) {
                r[2]++;
                r[3] += bot.ask(q.question()).grounded() ? 0 : 1;
              }
            }
          }
        }
      }
      pooled.put(t.name(), all);
      perFold.put(t.name(), folded);
      refused.put(t.name(), r);
      Path model = tmp.resolve("model-final.json");
      finalModel.write(model);
      EvalReport in = new EvalReport();
      try (CitebotSystem bot = CitebotSystem.open(t.corpus(), indexDir(), false, model)) {
        for (GoldQuestion q : qs) {
          bot.ask(q.question());
        }
        for (GoldQuestion q : qs) { // second pass: warm timings
          bot.ask(q.question()).addTo(in, q);
        }
      }
      inSample.put(t.name(), in.metrics());
      progress(
          "%s held-out cite@1 %.3f, in-sample %.3f"
              .formatted(t.name(), all.metrics().citeAt1(), in.metrics().citeAt1()));
    }
    Map<String, EvalReport.Metrics> heldOut = new LinkedHashMap<>();
    pooled.forEach((k, v) -> heldOut.put(k, v.metrics()));
    Map<String, Double> refusedShare = new LinkedHashMap<>();
    Map<String, Double> nearMissShare = new LinkedHashMap<>();
    refused.forEach((k, v) -> refusedShare.put(k, v[1] / (double) Math.max(1, v[0])));
    refused.forEach((k, v) -> nearMissShare.put(k, v[3] / (double) Math.max(1, v[2])));
    return new Results(heldOut, perFold, refusedShare, nearMissShare, inSample);
  }

  static ObjectNode about(Data data) {
    ObjectNode about = JsonNodeFactory.instance.objectNode();
    about.put("trained_by", "bench/train (src/test/java/dev/citebot/bench/Train.java)");
    about.put(
        "trained_on",
        "eval/xquad dev questions (articles 0-23) of vi, en and en2vi: %d answerable on the full"
                .formatted(data.answerable().size())
            + " corpora, %d unanswerable (each fold's questions against the corpus without its"
                .formatted(data.unanswerable().size())
            + " articles, and against the corpus without their paragraph)");
    about.put("ranker", "listwise softmax, L2 " + ModelFitting.LAMBDA);
    about.put("answerability", "logistic regression, L2 " + ModelFitting.LAMBDA);
    about.put(
        "refuse_below",
        ("held-out folds; same language: the highest threshold refusing at most %.0f %% of each"
                + " task's answerable questions; another language: the highest keeping all"
                + " refused answerable questions within %.0f %%")
            .formatted(100 * MAX_FALSE_REFUSALS, 100 * MAX_FALSE_REFUSALS_POOLED));
    return about;
  }

  static void progress(String s) {
    System.err.println(s);
  }
}
