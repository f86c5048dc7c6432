package dev.citebot.bench;

import dev.citebot.cli.EvalReport;
import dev.citebot.index.PassageEmbedder;
import dev.citebot.rank.AnswerModel;
import dev.citebot.rank.RefusalThresholds;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The quality report of EVAL.md in one run (issue 5): citebot (BM25 default, hybrid with vectors)
 * against two baselines on the XQuAD dev tasks, citebot on a mixed-language corpus, and abstention
 * on unanswerable question sets; first of all the held-out-fold numbers of the answer model next to
 * the in-sample ones (see {@link AnswerModelTraining}). Run it with {@code bench/quality} from the
 * repository root; it prints Markdown to standard output and to {@code target/quality/report.md},
 * progress to standard error.
 *
 * <p>Options: {@code --limit N} (only the first N questions of each set, for a quick check), {@code
 * --no-easy-rag} (skip the embedding baseline).
 */
public final class QualityReport {
  static final int WARM_UP = 100; // citebot eval warms up on 20; a fresh JVM under load needs more
  static final int SPLIT = 12; // XQuAD dev articles 0-11 form the split corpus

  /** A question set over a corpus. */
  record Task(String name, Path corpus, Path questions) {}

  private final Path root;
  private final Path tmp;
  private final int limit;
  private final boolean easyRag;
  private final StringBuilder md = new StringBuilder();
  private final long started = System.nanoTime();
  private final Map<String, EvalReport.Metrics> own = new LinkedHashMap<>();

  QualityReport(Path root, Path tmp, int limit, boolean easyRag) {
    this.root = root;
    this.tmp = tmp;
    this.limit = limit;
    this.easyRag = easyRag;
  }

  public static void main(String[] args) throws Exception {
    int limit = Integer.MAX_VALUE;
    boolean easyRag = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--limit" -> limit = Integer.parseInt(args[++i]);
        case "--no-easy-rag" -> easyRag = false;
        default -> {
          System.err.println("Unknown option " + args[i] + "; use --limit N, --no-easy-rag.");
          System.exit(2);
        }
      }
    }
    Path root = Path.of("").toAbsolutePath();
    if (!Files.isDirectory(root.resolve("eval/xquad"))) {
      System.err.println("Run from the repository root (eval/xquad not found in " + root + ").");
      System.exit(2);
    }
    Path tmp = Files.createTempDirectory("citebot-quality");
    try {
      QualityReport report = new QualityReport(root, tmp, limit, easyRag);
      report.run();
      Path out = root.resolve("target/quality/report.md");
      Files.createDirectories(out.getParent());
      Files.writeString(out, report.md.toString(), StandardCharsets.UTF_8);
      System.out.print(report.md);
      System.err.println("report written to " + root.relativize(out));
    } finally {
      deleteTree(tmp);
    }
  }

  void run() throws Exception {
    Path xq = root.resolve("eval/xquad");
    Path vi = xq.resolve("vi/corpus");
    Path en = xq.resolve("en/corpus");
    List<Task> tasks =
        List.of(
            new Task("vi", vi, xq.resolve("vi/questions-dev.jsonl")),
            new Task("en", en, xq.resolve("en/questions-dev.jsonl")),
            new Task("en2vi", vi, xq.resolve("en2vi/questions-dev.jsonl")));
    Path bm25Index = tmp.resolve("index-bm25");
    Path hybridIndex = tmp.resolve("index-hybrid");

    // 0. The answer model on questions it was not fitted on (held-out folds) and in-sample.
    AnswerModelTraining training = new AnswerModelTraining(root, tmp.resolve("folds"), limit);
    AnswerModelTraining.Data data = timed("candidates for the folds", training::collect);
    AnswerModelTraining.FoldModels folds =
        AnswerModelTraining.foldModels(data, AnswerModelTraining.all());
    AnswerModel shipped = AnswerModel.bundled();
    AnswerModelTraining.Results results = training.measure(folds, shipped);
    line("## Held-out folds and in-sample (XQuAD dev, 5 folds by article)");
    line("");
    md.append(QualityTables.heldOutTable(results));
    line("");
    line(
        "In-sample = the model in the jar (fitted on every fold). Held-out = each fold answered by"
            + " a model fitted on the other four (refusal thresholds %s from held-out folds;"
                .formatted(folds.refuseBelow())
            + " the jar's are %s). Unanswerable questions refused by the held-out models (each"
                .formatted(shipped.refuseBelow())
            + " fold's questions against the corpus without its articles): "
            + results.heldOutRefusedUnanswerable().entrySet().stream()
                .map(e -> "%s %s".formatted(e.getKey(), f3(e.getValue())))
                .collect(java.util.stream.Collectors.joining(", "))
            + "; near misses (the corpus without the question's paragraph, the rest of its"
            + " article kept): "
            + results.heldOutRefusedNearMiss().entrySet().stream()
                .map(e -> "%s %s".formatted(e.getKey(), f3(e.getValue())))
                .collect(java.util.stream.Collectors.joining(", "))
            + ".");
    line("");

    // 1. citebot and the baselines, per task.
    line("## XQuAD dev tasks: citebot and baselines");
    line("");
    line(
        "| task | system | file@1 | cite@1 | hit@5 | MRR@5 | answer_has_gold | abstain | p50 ms"
            + " | p95 ms | median chars |");
    line("|---|---|---|---|---|---|---|---|---|---|---|");
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (Task t : tasks) {
      rows.put(t.name(), new ArrayList<>());
    }
    String bm25 = "citebot BM25 (default)";
    String hybrid = "citebot hybrid (+MiniLM vectors)";
    for (String system : List.of(bm25, hybrid)) {
      boolean vectors = system.equals(hybrid);
      for (Path corpus : List.of(vi, en)) {
        try (CitebotSystem bot =
            timed(
                "open " + system + " on " + corpus.getFileName(),
                () ->
                    CitebotSystem.open(corpus, vectors ? hybridIndex : bm25Index, vectors, null))) {
          for (Task t : tasks) {
            if (t.corpus().equals(corpus)) {
              EvalReport.Metrics m = score(system + " " + t.name(), bot, questions(t.questions()));
              own.put(system + "|" + t.name(), m);
              rows.get(t.name()).add(row(t.name(), system, m));
            }
          }
        }
      }
    }
    // Diagnostic: the same retrieval with abstention switched off, to separate ranking from the
    // threshold (an abstained answer has no citations, so it loses file@1, cite@1 and hit@5).
    String noAbstain = "citebot BM25, never refusing (diagnostic)";
    Path neverRefuse = tmp.resolve("never-refuse.json");
    new AnswerModel(
            shipped.ranker(), shipped.answerability(), RefusalThresholds.both(0), shipped.about())
        .write(neverRefuse);
    for (Path corpus : List.of(vi, en)) {
      try (CitebotSystem bot = CitebotSystem.open(corpus, bm25Index, false, neverRefuse)) {
        for (Task t : tasks) {
          if (t.corpus().equals(corpus)) {
            EvalReport.Metrics m = score(noAbstain + " " + t.name(), bot, questions(t.questions()));
            rows.get(t.name()).add(row(t.name(), noAbstain, m));
          }
        }
      }
    }
    for (Path corpus : List.of(vi, en)) {
      try (LuceneBm25Baseline lucene =
          timed("index Lucene baseline " + corpus, () -> new LuceneBm25Baseline(corpus))) {
        for (Task t : tasks) {
          if (t.corpus().equals(corpus)) {
            EvalReport.Metrics m = score("lucene " + t.name(), lucene, questions(t.questions()));
            rows.get(t.name()).add(row(t.name(), "baseline: Lucene StandardAnalyzer BM25", m));
          }
        }
      }
    }
    List<String> ragNotes = new ArrayList<>();
    if (easyRag) {
      PassageEmbedder.keepTokenizerOffline(tmp.resolve("native"));
      EmbeddingModel model = timed("load MiniLM", AllMiniLmL6V2QuantizedEmbeddingModel::new);
      for (Path corpus : List.of(vi, en)) {
        EasyRagBaseline rag =
            timed("embed Easy RAG " + corpus, () -> new EasyRagBaseline(model, corpus));
        ragNotes.add(
            "%s: %d segments, %d not found in their file"
                .formatted(root.relativize(corpus), rag.segments(), rag.unmapped()));
        for (Task t : tasks) {
          if (t.corpus().equals(corpus)) {
            EvalReport.Metrics m = score("easy-rag " + t.name(), rag, questions(t.questions()));
            rows.get(t.name()).add(row(t.name(), "baseline: LangChain4j Easy RAG (MiniLM-q)", m));
          }
        }
      }
    }
    rows.values().forEach(rs -> rs.forEach(this::line));
    line("");
    if (!ragNotes.isEmpty()) {
      line("Easy RAG segments mapped back to lines: " + String.join("; ", ragNotes) + ".");
      line("");
    }

    // 2. Mixed-language corpus.
    Path mixed = tmp.resolve("mixed");
    Files.createDirectories(mixed);
    copyFiles(root.resolve("seeds"), mixed, f -> true);
    copyFiles(vi, mixed, f -> true);
    copyFiles(en, mixed, f -> true);
    List<GoldQuestion> seedSet =
        GoldQuestion.read(root.resolve("eval/unanswerable/seeds/questions.jsonl"));
    line("## Mixed-language corpus (seeds + XQuAD vi + XQuAD en in one folder)");
    line("");
    line(
        "| questions | system | file@1 | cite@1 | hit@5 | MRR@5 | answer_has_gold | abstain | p50 ms"
            + " | p95 ms | Δcite@1 vs own corpus | 1st cite in other-language file | same article"
            + " either language @1 |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    List<String> seedRows = new ArrayList<>();
    for (String system : List.of(bm25, hybrid)) {
      boolean vectors = system.equals(hybrid);
      try (CitebotSystem bot =
          timed(
              "open " + system + " on mixed corpus",
              () -> CitebotSystem.open(mixed, vectors ? hybridIndex : bm25Index, vectors, null))) {
        for (Task t : tasks) {
          List<GoldQuestion> qs = questions(t.questions());
          EvalReport card = new EvalReport();
          int otherLang = 0;
          int sameArticle = 0;
          warmUp(bot, qs);
          for (GoldQuestion q : qs) {
            Reply r = bot.ask(q.question());
            r.addTo(card, q);
            if (!r.citations().isEmpty()) {
              String f = r.citations().get(0).file();
              String goldLang = q.file().substring(0, 2);
              if (isXquad(f) && !f.startsWith(goldLang) || !isXquad(f)) {
                otherLang++;
              }
              if (isXquad(f) && GoldQuestion.xquadArticle(f) == q.xquadArticle()) {
                sameArticle++;
              }
            }
          }
          EvalReport.Metrics m = card.metrics();
          progress("mixed " + system + " " + t.name() + ": " + brief(m));
          EvalReport.Metrics base = own.get(system + "|" + t.name());
          line(
              "| %s | %s | %s | %+.3f | %s | %s |"
                  .formatted(
                      t.name(),
                      system,
                      cells(m),
                      base == null ? Double.NaN : m.citeAt1() - base.citeAt1(),
                      f3(otherLang / (double) Math.max(1, qs.size())),
                      f3(sameArticle / (double) Math.max(1, qs.size()))));
        }
        SeedResult sr = seeds(bot, seedSet);
        seedRows.add(
            "| %s | %d | %s | %s | %d/%d |"
                .formatted(
                    system,
                    sr.answerable,
                    f3(sr.fileAt1 / (double) sr.answerable),
                    f3(sr.citeAt1 / (double) sr.answerable),
                    sr.crossRight,
                    sr.cross));
      }
    }
    line("");
    line("Seed questions (answerable ones of `eval/unanswerable/seeds`) on the mixed corpus:");
    line("");
    line("| system | answerable | file@1 | cite@1 | cross-lingual answered with the right file |");
    line("|---|---|---|---|---|");
    seedRows.forEach(this::line);
    line("");

    // 3. Abstention.
    Path splitVi = tmp.resolve("split/vi");
    Path splitEn = tmp.resolve("split/en");
    Files.createDirectories(splitVi);
    Files.createDirectories(splitEn);
    Predicate<Path> firstHalf = f -> GoldQuestion.xquadArticle(f.getFileName().toString()) < SPLIT;
    copyFiles(vi, splitVi, firstHalf);
    copyFiles(en, splitEn, firstHalf);
    List<Task> splitTasks =
        List.of(
            new Task("vi", splitVi, xq.resolve("vi/questions-dev.jsonl")),
            new Task("en", splitEn, xq.resolve("en/questions-dev.jsonl")),
            new Task("en2vi", splitVi, xq.resolve("en2vi/questions-dev.jsonl")));
    line("## Abstention");
    line("");
    line(
        "Abstain = `grounded: false`. Precision = share of abstentions that were on unanswerable"
            + " questions; recall = share of unanswerable questions abstained on; false abstain ="
            + " share of answerable questions abstained on.");
    line("");
    line(
        "### XQuAD split: corpus = dev articles 0-11, answerable = their questions, unanswerable ="
            + " questions of articles 12-23");
    line("");
    line(
        "| task | system | answerable | unanswerable | precision | recall | false abstain | F1 |"
            + " cite@1 on answerable |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (String system : List.of(bm25, hybrid)) {
      boolean vectors = system.equals(hybrid);
      {
        for (Path corpus : List.of(splitVi, splitEn)) {
          try (CitebotSystem bot =
              CitebotSystem.open(corpus, vectors ? hybridIndex : bm25Index, vectors, null)) {
            for (Task t : splitTasks) {
              if (!t.corpus().equals(corpus)) {
                continue;
              }
              List<GoldQuestion> qs = splitQuestions(questions(t.questions()));
              Abstention a = new Abstention();
              EvalReport answerable = new EvalReport();
              warmUp(bot, qs);
              for (GoldQuestion q : qs) {
                Reply r = bot.ask(q.question());
                a.add(q, r);
                if (q.answerable()) {
                  r.addTo(answerable, q);
                }
              }
              progress(
                  "split %s %s: precision %.3f recall %.3f"
                      .formatted(system, t.name(), a.precision(), a.recall()));
              String cells =
                  "%d | %d | %s | %s | %s | %s | %s |"
                      .formatted(
                          a.answerable,
                          a.unanswerable,
                          f3(a.precision()),
                          f3(a.recall()),
                          f3(a.falseAbstain()),
                          f3(a.f1()),
                          f3(answerable.metrics().citeAt1()));
              line("| %s | %s | %s".formatted(t.name(), system, cells));
            }
          }
        }
      }
    }
    line("");

    line(
        "### Seed articles: `eval/unanswerable/seeds/questions.jsonl` (hand-written, vi/no/en)"
            + " against `seeds/`");
    line("");
    line(
        "| system | answerable | unanswerable | precision | recall | false abstain | file@1 on"
            + " answerable | cite@1 on answerable | cross-lingual answered with the right file |");
    line("|---|---|---|---|---|---|---|---|---|");
    List<String> failures = new ArrayList<>();
    for (String system : List.of(bm25, hybrid)) {
      boolean vectors = system.equals(hybrid);
      try (CitebotSystem bot =
          CitebotSystem.open(
              root.resolve("seeds"), vectors ? hybridIndex : bm25Index, vectors, null)) {
        SeedResult sr = seeds(bot, seedSet);
        line(
            "| %s | %d | %d | %s | %s | %s | %s | %s | %d/%d |"
                .formatted(
                    system,
                    sr.abstention.answerable,
                    sr.abstention.unanswerable,
                    f3(sr.abstention.precision()),
                    f3(sr.abstention.recall()),
                    f3(sr.abstention.falseAbstain()),
                    f3(sr.fileAt1 / (double) sr.answerable),
                    f3(sr.citeAt1 / (double) sr.answerable),
                    sr.crossRight,
                    sr.cross));
        failures.add("- " + system + ":");
        sr.failures.forEach(f -> failures.add("  - " + f));
      }
    }
    line("");
    line("Seed questions citebot gets wrong (question → first citation, or abstained):");
    line("");
    failures.forEach(this::line);
    line("");
    line(
        "Run time: %.0f s (%d cores)."
            .formatted(
                (System.nanoTime() - started) / 1e9, Runtime.getRuntime().availableProcessors()));
  }

  /** Answerable = questions of articles 0-11; the rest lose their gold (not in the corpus). */
  static List<GoldQuestion> splitQuestions(List<GoldQuestion> all) {
    return all.stream().map(q -> q.xquadArticle() < SPLIT ? q : q.asUnanswerable()).toList();
  }

  /** Results of the seed question set. */
  static final class SeedResult {
    final Abstention abstention = new Abstention();
    int answerable;
    int fileAt1;
    int citeAt1;
    int cross;
    int crossRight;
    final List<String> failures = new ArrayList<>();
  }

  SeedResult seeds(QaSystem bot, List<GoldQuestion> set) {
    SeedResult sr = new SeedResult();
    for (GoldQuestion q : set) {
      Reply r = bot.ask(q.question());
      sr.abstention.add(q, r);
      EvalReport.Cite first = r.citations().isEmpty() ? null : r.citations().get(0);
      String got =
          !r.grounded()
              ? "abstained"
              : first == null
                  ? "no citation"
                  : "%s:%d-%d".formatted(first.file(), first.firstLine(), first.lastLine());
      if (q.answerable()) {
        sr.answerable++;
        boolean fileRight = r.grounded() && first != null && first.file().equals(q.file());
        if (fileRight) {
          sr.fileAt1++;
        }
        if (r.grounded() && first != null && EvalReport.matches(first, q.gold())) {
          sr.citeAt1++;
        }
        if (q.crossLingual()) {
          sr.cross++;
          if (fileRight) {
            sr.crossRight++;
          }
        }
        if (!fileRight) {
          sr.failures.add(
              "answerable%s [%s] \"%s\" (gold %s:%d-%d) → %s"
                  .formatted(
                      q.crossLingual() ? ", cross-lingual" : "",
                      q.lang(),
                      q.question(),
                      q.file(),
                      q.firstLine(),
                      q.lastLine(),
                      got));
        }
      } else if (r.grounded()) {
        sr.failures.add("unanswerable [%s] \"%s\" → %s".formatted(q.lang(), q.question(), got));
      }
    }
    return sr;
  }

  EvalReport.Metrics score(String label, QaSystem system, List<GoldQuestion> questions) {
    warmUp(system, questions);
    EvalReport card = new EvalReport();
    for (GoldQuestion q : questions) {
      system.ask(q.question()).addTo(card, q);
    }
    EvalReport.Metrics m = card.metrics();
    progress(label + ": " + brief(m));
    return m;
  }

  /** Warm the JIT on the first questions (not scored), as {@code citebot eval} does (on 20). */
  static void warmUp(QaSystem system, List<GoldQuestion> questions) {
    for (int i = 0; i < Math.min(WARM_UP, questions.size()); i++) {
      system.ask(questions.get(i).question());
    }
  }

  List<GoldQuestion> questions(Path file) throws IOException {
    List<GoldQuestion> all = GoldQuestion.read(file);
    return all.subList(0, Math.min(limit, all.size()));
  }

  static boolean isXquad(String file) {
    return file.matches("(vi|en)-\\d\\d-.*");
  }

  static String row(String task, String system, EvalReport.Metrics m) {
    return "| %s | %s | %s | %.0f |".formatted(task, system, cells(m), m.medianAnswerChars());
  }

  /** The cells every results table shares: file@1 ... abstain, p50 and p95 latency. */
  static String cells(EvalReport.Metrics m) {
    return "%s | %s | %s | %s | %s | %s | %.1f | %.1f"
        .formatted(
            f3(m.fileAt1()),
            f3(m.citeAt1()),
            f3(m.hitAt5()),
            f3(m.mrrAt5()),
            f3(m.answerHasGold()),
            f3(m.abstainRate()),
            m.p50Ms(),
            m.p95Ms());
  }

  static String brief(EvalReport.Metrics m) {
    return "n %d file@1 %.3f cite@1 %.3f hit@5 %.3f gold %.3f abstain %.3f p50 %.1f ms"
        .formatted(
            m.questions(),
            m.fileAt1(),
            m.citeAt1(),
            m.hitAt5(),
            m.answerHasGold(),
            m.abstainRate(),
            m.p50Ms());
  }

  static String f3(double v) {
    return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.3f", v);
  }

  private void line(String s) {
    md.append(s).append('\n');
  }

  private void progress(String s) {
    System.err.printf(Locale.ROOT, "[%5.0f s] %s%n", (System.nanoTime() - started) / 1e9, s);
  }

  interface IoSupplier<T> {
    T get() throws IOException;
  }

  private <T> T timed(String label, IoSupplier<T> step) throws IOException {
    long t0 = System.nanoTime();
    T value = step.get();
    progress("%s: %.1f s".formatted(label, (System.nanoTime() - t0) / 1e9));
    return value;
  }

  static void copyFiles(Path from, Path to, Predicate<Path> keep) throws IOException {
    try (Stream<Path> s = Files.list(from)) {
      for (Path f : s.filter(Files::isRegularFile).filter(keep).toList()) {
        Files.copy(f, to.resolve(f.getFileName()));
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    }
  }
}
