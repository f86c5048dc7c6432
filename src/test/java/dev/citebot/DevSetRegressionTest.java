package dev.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.cli.EvalReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Guards answer quality the way search projects keep regression scores: every XQuAD dev question is
 * asked through the engine, and a metric that falls more than {@link #MARGIN} below the value
 * recorded in eval/dev-scores.json (written by bench/train with the model it ships) fails the
 * build. Improvements pass; record them by running bench/train again.
 */
class DevSetRegressionTest {
  /** Prior: about six questions of 632, more than a tie broken the other way moves. */
  static final double MARGIN = 0.01;

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({"vi, vi", "en, en", "en2vi, vi"})
  void devScoresDoNotFall(String task, String corpusLanguage) throws Exception {
    JsonNode recorded =
        new ObjectMapper().readTree(Files.readString(Path.of("eval/dev-scores.json"))).get(task);
    EvalReport report = new EvalReport();
    Path corpus = Path.of("eval/xquad", corpusLanguage, "corpus");
    try (Citebot bot = Citebot.open(TestCorpus.config(corpus, dir), false, line -> {})) {
      for (JsonNode q : EvalReport.readJsonl(Path.of("eval/xquad", task, "questions-dev.jsonl"))) {
        EvalReport.Gold gold = EvalReport.Gold.of(q);
        report.add(gold, bot.ask(bot.newConversation(), gold.question()));
      }
    }
    EvalReport.Metrics m = report.metrics();
    assertThat(m.questions()).isEqualTo(recorded.get("questions").asInt());
    for (var metric :
        List.of(
            new Metric("file_at_1", m.fileAt1()),
            new Metric("cite_at_1", m.citeAt1()),
            new Metric("hit_at_5", m.hitAt5()),
            new Metric("answer_has_gold", m.answerHasGold()))) {
      assertThat(metric.value())
          .as(task + " " + metric.name())
          .isGreaterThanOrEqualTo(recorded.get(metric.name()).asDouble() - MARGIN);
    }
    assertThat(m.abstainRate())
        .as(task + " abstain")
        .isLessThanOrEqualTo(recorded.get("abstain").asDouble() + MARGIN);
  }

  private record Metric(String name, double value) {}
}
