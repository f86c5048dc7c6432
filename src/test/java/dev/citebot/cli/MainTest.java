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
  void helpListsEveryCommandAndEachCommandHasItsOwn() {
    CliRun all = run("", "--help");
    assertThat(all.code()).isZero();
    for (String command :
        List.of("ask", "chat", "show", "sources", "index", "eval", "telegram", "serve")) {
      assertThat(all.out()).containsPattern("(?m)^  " + command + " ");
      CliRun one = run("", command, "--help");
      assertThat(one.code()).isZero();
      assertThat(one.out()).startsWith("Usage: citebot " + command);
    }
    CliRun typo = run("", "aks", "When?");
    assertThat(typo.code()).isEqualTo(Main.USAGE);
    assertThat(typo.err()).contains("'aks'");
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
        .isEqualTo("The corpus folder " + dir.resolve("nope") + " does not exist.");
    CliRun file =
        run("", "ask", "--corpus", corpus.resolve("004_4f27b52e6a022b9d.txt").toString(), "Who?");
    assertThat(file.code()).isEqualTo(Main.FAILED);
    assertThat(file.err().strip())
        .isEqualTo(
            "The corpus path " + corpus.resolve("004_4f27b52e6a022b9d.txt") + " is not a folder.");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    CliRun none = run("", "ask", "--corpus", empty.toString(), "Who is Kim Jong Un?");
    assertThat(none.code()).isZero();
    assertThat(none.out()).contains("The articles do not answer this question.");
    assertThat(none.err().strip())
        .isEqualTo(
            "The corpus folder " + empty + " has no .txt, .md or .html files to answer from.");
  }

  @Test
  void anIndexFolderThatCannotBeMadeIsOneSentenceNamingIt() throws Exception {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    env.put("CITEBOT_INDEX_DIR", file.resolve("index").toString());
    CliRun r = run("", "ask", "Who?");
    assertThat(r.code()).isEqualTo(Main.FAILED);
    assertThat(r.err().strip())
        .startsWith("citebot could not read or write " + file)
        .endsWith(".")
        .doesNotContain("\n", "Exception");
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
    assertThat(outside.error()).isEqualTo("../../etc/passwd is not an article of the corpus.");
  }

  @Test
  void showTakesLineNumbersOfAnySizeAndOddFileNames() throws Exception {
    CliRun huge = run("", "show", "002_de0e4ba2ab4b4e39.txt:99999999999");
    assertThat(huge.code()).isEqualTo(Main.FAILED);
    assertThat(huge.err()).doesNotContain("Exception");
    assertThat(huge.error()).matches("002_de0e4ba2ab4b4e39.txt has only \\d+ lines\\.");
    CliRun toTheEnd = run("", "show", "002_de0e4ba2ab4b4e39.txt:9-99999999999");
    assertThat(toTheEnd.code()).isZero();
    assertThat(toTheEnd.out()).contains("9 | Ifølge den spesielle");

    Files.writeString(
        corpus.resolve("back\\slash.txt"), "Title\n\nThe walrus festival is in June.\n");
    Files.writeString(corpus.resolve("new\nline.txt"), "Title\n\nThe narwhal parade is at noon.\n");
    CliRun backslash = run("", "show", "back\\slash.txt:3");
    assertThat(backslash.code()).as(backslash.err()).isZero();
    assertThat(backslash.out()).contains("3 | The walrus festival");
    CliRun newline = run("", "show", "new\nline.txt:3");
    assertThat(newline.code()).as(newline.err()).isZero();
    assertThat(newline.out())
        .contains("3 | The narwhal parade")
        .contains("new\uFFFDline.txt, lines 3-3");
    Files.writeString(corpus.resolve("red\u001b[31m.txt"), "Title\n\nThe okapi show is red.\n");
    CliRun sources = run("", "sources");
    assertThat(sources.out()).contains("red\uFFFD[31m.txt").doesNotContain("\u001b");
    CliRun escaped = run("", "show", "red\uFFFD[31m.txt:3");
    assertThat(escaped.out()).contains("3 | The okapi show").doesNotContain("\u001b");
    CliRun asPrinted = run("", "show", "new\uFFFDline.txt:3");
    assertThat(asPrinted.code()).as(asPrinted.err()).isZero();
    assertThat(asPrinted.out()).contains("3 | The narwhal parade");
  }

  @Test
  void showTakesThePathAsTheUserSeesIt() throws Exception {
    Path file = corpus.resolve("003_600e93926c99760f.txt");
    CliRun absolute = run("", "show", file.toAbsolutePath() + ":9");
    assertThat(absolute.code()).as(absolute.err()).isZero();
    assertThat(absolute.out()).contains("003_600e93926c99760f.txt, lines 9-9");
    Path relative = Path.of("").toAbsolutePath().relativize(file.toAbsolutePath());
    CliRun fromHere = run("", "show", relative + ":9");
    assertThat(fromHere.code()).as(fromHere.err()).isZero();
    assertThat(fromHere.out()).contains("003_600e93926c99760f.txt, lines 9-9");

    // The issue's own case: the shipped seeds, named from the project folder.
    env.put("CITEBOT_CORPUS", "seeds");
    CliRun seeds = run("", "show", "seeds/003_600e93926c99760f.txt:9");
    assertThat(seeds.code()).as(seeds.err()).isZero();
    assertThat(seeds.out()).contains("003_600e93926c99760f.txt, lines 9-9");

    // A path outside the corpus is still no article, however it is written.
    CliRun outside = run("", "show", dir.resolve("data").toAbsolutePath() + ":1");
    assertThat(outside.code()).isEqualTo(Main.FAILED);
    assertThat(outside.error()).endsWith("is not an article of the corpus.");
  }

  @Test
  void anUnknownCitebotVariableOrAnOverflowingSizeStopsWithOneSentence() {
    env.put("CITEBOT_ANSWER_MODEX", "llm");
    CliRun typo = run("", "ask", "Who?");
    assertThat(typo.code()).isEqualTo(Main.USAGE);
    assertThat(typo.err().strip())
        .isEqualTo(
            "Unknown environment variable CITEBOT_ANSWER_MODEX; every CITEBOT_* variable must"
                + " name a setting of config/citebot.yaml.");
    env.remove("CITEBOT_ANSWER_MODEX");
    env.put("CITEBOT_INGEST_MAX_FILE_SIZE", "17179869184GB");
    CliRun huge = run("", "ask", "Who?");
    assertThat(huge.code()).isEqualTo(Main.USAGE);
    assertThat(huge.err().lines()).hasSize(1);
    assertThat(huge.error()).startsWith("Setting ingest.max-file-size must be a size");
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
  void evalOfAQuestionSetWithoutItsCorpusStopsInsteadOfScoringZero() throws Exception {
    CliRun wrong = run("", "eval", "--questions", "eval/xquad/vi/questions-dev.jsonl");
    assertThat(wrong.code()).isEqualTo(Main.USAGE);
    assertThat(wrong.out()).isEmpty();
    assertThat(wrong.error())
        .isEqualTo(
            "No gold file of eval/xquad/vi/questions-dev.jsonl is an article of "
                + corpus
                + "; a question set goes with its corpus: add --corpus eval/xquad/vi/corpus.");

    Path set = dir.resolve("mixed.jsonl");
    Files.writeString(
        set,
        "{\"question\": \"When did Vietnam and the DPRK establish diplomatic relations?\","
            + " \"gold_file\": \"000_7374b92905a51571.txt\", \"gold_lines\": [3, 3],"
            + " \"answers\": [\"1950\"]}\n"
            + "{\"question\": \"Who won?\", \"gold_file\": \"gone.txt\", \"gold_lines\": [1, 1],"
            + " \"answers\": [\"x\"]}\n");
    CliRun partly = run("", "eval", "--questions", set.toString());
    assertThat(partly.code()).isZero();
    assertThat(partly.out()).startsWith("questions 2 ");
    assertThat(partly.err())
        .contains("Warning: 1 of 2 gold files of " + set + " are not articles of " + corpus + ";");
  }

  @Test
  void aQuestionSetThatIsNotOneIsOneSentenceAndExitTwo() throws Exception {
    Path notJson = dir.resolve("notjson.jsonl");
    Files.writeString(notJson, "{\"question\": \"Who?\"}\n\nnot json\n", StandardCharsets.UTF_8);
    Path latin1 = dir.resolve("latin1.jsonl");
    Files.write(
        latin1,
        "{\"question\": \"Hvem er Lukasjenko i Hviterussland, s\u00e6rlig?\"}"
            .getBytes(StandardCharsets.ISO_8859_1));
    Path empty = Files.createFile(dir.resolve("empty.jsonl"));
    Map<Path, String> expected =
        Map.of(
            notJson,
            "has a line (3) that is not a JSON object with a \"question\".",
            latin1,
            "is not UTF-8 text.",
            empty,
            "holds no questions.",
            dir.resolve("missing.jsonl"),
            "does not exist.");
    expected.forEach(
        (set, why) -> {
          CliRun r = run("", "eval", "--questions", set.toString());
          assertThat(r.code()).as(why).isEqualTo(Main.USAGE);
          assertThat(r.out()).isEmpty();
          assertThat(r.err().lines().findFirst()).hasValue("The question set " + set + " " + why);
        });
  }

  static List<String> skipping(CliRun r) {
    return r.err().lines().filter(l -> l.startsWith("Skipping")).toList();
  }

  @Test
  void skippedFilesAreNamedOnceInOneWordingAndLeavingIsNoRemoval() throws Exception {
    Files.writeString(corpus.resolve("image.png"), "not text");
    Files.write(corpus.resolve("binary.txt"), new byte[] {0, 1, 2, 3});
    CliRun first = run("", "ask", "Who is Kim Jong Un?");
    assertThat(first.code()).isZero();
    assertThat(skipping(first))
        .containsExactlyInAnyOrder(
            "Skipping binary.txt: not a text file (binary content).",
            "Skipping image.png: not a .txt, .md or .html file.");
    assertThat(skipping(run("", "ask", "Who is Kim Jong Un?"))).as("second run").isEmpty();

    Files.writeString(corpus.resolve("image.png"), "still not text, and longer");
    assertThat(skipping(run("", "ask", "Who is Kim Jong Un?")))
        .as("after a change")
        .containsExactly("Skipping image.png: not a .txt, .md or .html file.");
    assertThat(skipping(run("", "ask", "Who is Kim Jong Un?"))).as("unchanged again").isEmpty();

    Files.delete(corpus.resolve("image.png"));
    Files.delete(corpus.resolve("binary.txt"));
    CliRun gone = run("", "index");
    assertThat(gone.code()).isZero();
    assertThat(gone.err()).doesNotContain("removed").doesNotContain("Skipping");
    assertThat(gone.out()).startsWith("5 articles, ");
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
