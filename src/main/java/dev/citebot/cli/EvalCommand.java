package dev.citebot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.Citebot;
import dev.citebot.index.ArticleInfo;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "eval",
    description = {
      "Run a question set (XQuAD eval format) and print retrieval and answer metrics.",
      "Example: eval --corpus eval/xquad/vi/corpus --questions eval/xquad/vi/questions-dev.jsonl"
    })
final class EvalCommand implements Callable<Integer> {
  private final Session session;

  @Spec CommandSpec spec;

  @Mixin CommonOptions common;

  @Option(names = "--questions", required = true, paramLabel = "FILE.jsonl")
  Path questions;

  @Option(names = "--json", description = "Print the metrics as one JSON object.")
  boolean json;

  @Option(names = "--limit", paramLabel = "N", description = "Only the first N questions.")
  int limit = Integer.MAX_VALUE;

  EvalCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    List<EvalReport.Gold> golds = read();
    EvalReport report = new EvalReport();
    try (Citebot bot = common.open(session, false)) {
      Set<String> articles =
          bot.sources().stream().map(ArticleInfo::file).collect(Collectors.toSet());
      List<String> goldFiles =
          golds.stream().map(EvalReport.Gold::file).filter(f -> !f.isEmpty()).toList();
      long missing = goldFiles.stream().filter(f -> !articles.contains(f)).count();
      if (!goldFiles.isEmpty() && missing == goldFiles.size()) {
        // Every answer would score 0: almost surely the wrong corpus, not a bad engine.
        session.err().println(wrongCorpus(bot.config().corpus()));
        return Main.USAGE;
      }
      if (missing > 0) {
        session
            .err()
            .printf(
                "Warning: %d of %d gold files of %s are not articles of %s; their questions"
                    + " score 0.%n",
                missing, goldFiles.size(), questions, bot.config().corpus());
      }
      // Warm up the JIT so latency reflects a running bot, not class loading.
      for (int i = 0; i < Math.min(20, golds.size()); i++) {
        bot.ask(bot.newConversation(), golds.get(i).question());
      }
      for (EvalReport.Gold gold : golds.subList(0, Math.min(limit, golds.size()))) {
        report.add(gold, bot.ask(bot.newConversation(), gold.question()));
      }
    }
    EvalReport.Metrics m = report.metrics();
    if (json) {
      session.out().println(new ObjectMapper().writeValueAsString(m));
    } else {
      session
          .out()
          .printf(
              "questions %d  file@1 %.3f  cite@1 %.3f  hit@5 %.3f  mrr@5 %.3f  answer_has_gold %.3f"
                  + "  abstain %.3f  p50 %.1f ms  p95 %.1f ms  median answer %.0f chars%n",
              m.questions(),
              m.fileAt1(),
              m.citeAt1(),
              m.hitAt5(),
              m.mrrAt5(),
              m.answerHasGold(),
              m.abstainRate(),
              m.p50Ms(),
              m.p95Ms(),
              m.medianAnswerChars());
    }
    return Main.OK;
  }

  /** One sentence: which corpus the question set needs, when one lies beside it. */
  private String wrongCorpus(Path corpus) {
    Path beside = questions.resolveSibling("corpus");
    return "No gold file of "
        + questions
        + " is an article of "
        + corpus
        + "; a question set goes with its corpus"
        + (Files.isDirectory(beside)
            ? ": add --corpus " + beside + "."
            : ": give it with --corpus.");
  }

  /** The question set, every line checked: a file that is not one is a usage error. */
  private List<EvalReport.Gold> read() {
    List<String> lines;
    try {
      lines = Files.readAllLines(questions, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw invalid("does not exist");
    } catch (CharacterCodingException e) {
      throw invalid("is not UTF-8 text");
    } catch (IOException e) {
      throw invalid("cannot be read (" + e.getMessage() + ")");
    }
    ObjectMapper mapper = new ObjectMapper();
    List<EvalReport.Gold> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      JsonNode line;
      try {
        line = mapper.readTree(lines.get(i));
      } catch (JsonProcessingException e) {
        line = null;
      }
      if (line == null || !line.path("question").isTextual()) {
        throw invalid("has a line (" + (i + 1) + ") that is not a JSON object with a \"question\"");
      }
      out.add(EvalReport.Gold.of(line));
    }
    if (out.isEmpty()) {
      throw invalid("holds no questions");
    }
    return out;
  }

  private ParameterException invalid(String what) {
    return new ParameterException(
        spec.commandLine(), "The question set " + questions + " " + what + ".");
  }
}
