package dev.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.citebot.TestCorpus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit code, stdout and stderr, on real temp folders. */
class MainTest {
  @TempDir Path dir;
  Path corpus;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() {
    corpus = TestCorpus.seeds(dir.resolve("seeds"));
    env.put("CITEBOT_INDEX_DIR", dir.resolve("data").toString());
    env.put("CITEBOT_CORPUS", corpus.toString());
  }

  CliRun run(String stdin, String... args) {
    return CliRun.run(env, stdin, args);
  }

  @Test
  void askPrintsTheAnswerAndItsSources() {
    CliRun r = run("", "ask", "When did Vietnam and the DPRK establish diplomatic relations?");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("1950").contains("[1] ").containsPattern("lines? \\d+");
  }

  @Test
  void aModelFileThatIsNotOneIsOneSentenceAndExitTwo() throws Exception {
    Path notAModel = dir.resolve("model.json");
    Files.writeString(notAModel, "{\"weights\": [1, 2]}", StandardCharsets.UTF_8);
    for (String file : List.of(notAModel.toString(), dir.resolve("missing.json").toString())) {
      env.put("CITEBOT_ANSWER_MODEL", file);
      CliRun r = run("", "ask", "When did Vietnam and the DPRK establish diplomatic relations?");
      assertThat(r.code()).isEqualTo(Main.USAGE);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().strip()).startsWith("answer.model " + file).doesNotContain("\n");
    }
  }

  @Test
  void askJsonReadsOneQuestionPerLineFromStdin() throws Exception {
    CliRun r =
        run(
            "Hvilke dokumenter ble utvekslet mellom Vietnam og Belarus?\nWho is the prime minister of Japan?\n",
            "ask",
            "--json");
    assertThat(r.code()).isZero();
    List<JsonNode> lines = r.json();
    assertThat(lines).hasSize(2);
    JsonNode first = lines.get(0);
    assertThat(first.get("grounded").asBoolean()).isTrue();
    assertThat(first.get("citations").get(0).get("file").asText())
        .isEqualTo("004_4f27b52e6a022b9d.txt");
    assertThat(first.get("citations").get(0).get("lines").size()).isEqualTo(2);
    assertThat(first.get("timings_ms").get("total").asDouble()).isPositive();
    assertThat(lines.get(1).get("grounded").asBoolean()).isFalse();
  }

  @Test
  void aBadLineInABatchIsReportedInPlaceAndTheBatchGoesOn() throws Exception {
    CliRun r = run("\nWho is Kim Jong Un?\n", "ask", "--json");
    assertThat(r.code()).isEqualTo(Main.FAILED);
    List<JsonNode> lines = r.json();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0).get("error").asText()).isEqualTo("The question is empty.");
    assertThat(lines.get(1).has("answer")).isTrue();
  }

  @Test
  void emptyOrHugeQuestionsAreOneSentenceAndExitOne() {
    CliRun empty = run("", "ask", "   ");
    assertThat(empty.code()).isEqualTo(Main.FAILED);
    assertThat(empty.error()).isEqualTo("The question is empty.");
    CliRun huge = run("", "ask", "y".repeat(1 << 20));
    assertThat(huge.code()).isEqualTo(Main.FAILED);
    assertThat(huge.error()).startsWith("The question is too long");
    assertThat(huge.err().lines()).allMatch(l -> !l.startsWith("\tat "));
  }

  @Test
  void missingOrEmptyCorpusIsOneSentence() throws Exception {
    CliRun missing = run("", "ask", "--corpus", dir.resolve("nope").toString(), "Who?");
    assertThat(missing.code()).isEqualTo(Main.FAILED);
    assertThat(missing.err().strip())
        .isEqualTo("Corpus folder " + dir.resolve("nope") + " does not exist.");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun none = run("", "ask", "--corpus", empty.toString(), "Who is Kim Jong Un?");
    assertThat(none.code()).isZero();
    assertThat(none.out()).contains("The articles do not answer this question.");
  }

  @Test
  void badConfigIsAUsageError() throws Exception {
    env.put("CITEBOT_RETRIEVE_TOP_K", "-3");
    CliRun r = run("", "ask", "Who?");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.error())
        .isEqualTo("Setting retrieve.top-k must be a whole number from 1 to 100, not '-3'.");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun r = run("", "ask", "--frobnicate");
    assertThat(r.code()).isEqualTo(Main.USAGE);
    assertThat(r.err()).contains("--frobnicate");
  }

  @Test
  void chatKeepsFollowUpsOnTheSubject() throws Exception {
    CliRun r =
        run(
            "{\"question\": \"What did Vietnam sign with Belarus?\"}\n"
                + "{\"question\": \"And when did they establish relations?\"}\n",
            "chat",
            "--json");
    assertThat(r.code()).isZero();
    List<JsonNode> turns = r.json();
    assertThat(turns).hasSize(2);
    assertThat(turns.get(1).get("answer").asText()).contains("1992");
    assertThat(turns.get(1).get("citations").get(0).get("file").asText())
        .isEqualTo("004_4f27b52e6a022b9d.txt");
  }

  @Test
  void showPrintsTheCitedLinesAndRefusesOtherPaths() {
    CliRun r = run("", "show", "002_de0e4ba2ab4b4e39.txt:9-9");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("Fremme forholdet mellom Vietnam og Nord-Korea")
        .contains("https://www.vietnamplus.vn/")
        .contains("9 | Ifølge den spesielle");
    CliRun outside = run("", "show", "../../etc/passwd:1-2");
    assertThat(outside.code()).isEqualTo(Main.FAILED);
    assertThat(outside.out()).isEmpty();
    assertThat(outside.error()).endsWith("is not an article of " + corpus + ".");
  }

  @Test
  void terminalEscapesInAnArticleAreNotPrinted() throws Exception {
    Files.writeString(
        corpus.resolve("escape.txt"),
        "A title\n\nThe \u001b[31mred\u001b[0m festival starts in May\u0007 every year.\n");
    CliRun show = run("", "show", "escape.txt:3");
    CliRun ask = run("", "ask", "When does the red festival start?");
    assertThat(show.out()).contains("festival starts in May").doesNotContain("\u001b", "\u0007");
    assertThat(ask.out()).contains("festival starts in May").doesNotContain("\u001b", "\u0007");
  }

  @Test
  void sourcesListsTheArticles() {
    CliRun r = run("", "sources");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("004_4f27b52e6a022b9d.txt  [vi]")
        .contains("003_600e93926c99760f.txt  [en]  2025-10-08");
  }

  @Test
  void indexReportsWhatItBuilt() {
    CliRun r = run("", "index");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("5 articles, ");
    assertThat(r.err()).contains("5 added");
  }
}
