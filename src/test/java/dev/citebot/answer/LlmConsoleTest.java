package dev.citebot.answer;

import static dev.citebot.answer.OpenAiStub.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.citebot.TestCorpus;
import dev.citebot.cli.CliRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console in llm mode: `ask` and `chat` print the streamed answer, then the sources. */
class LlmConsoleTest {
  static final String QUESTION =
      "Việt Nam và Triều Tiên đã ký những văn kiện hợp tác nào tại Bình Nhưỡng?";
  static final String CLAIM = "Hai bên đã ký Thỏa thuận hợp tác giữa Bộ Ngoại giao hai nước";

  @TempDir static Path dir;
  static OpenAiStub stub;
  static Map<String, String> env = new HashMap<>();

  @BeforeAll
  static void start() {
    stub = new OpenAiStub();
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    env.put("CITEBOT_CORPUS", corpus.toString());
    env.put("CITEBOT_INDEX_DIR", dir.resolve("data").toString());
    env.put("CITEBOT_ANSWER_MODE", "llm");
    env.put("CITEBOT_LLM_BASE_URL", stub.baseUrl());
    env.put("CITEBOT_LLM_TIMEOUT", "3s");
    // Warm up the index and the HTTP client classes (see LlmAnswererTest).
    modelCites("000_7374b92905a51571.txt");
    run("", "ask", QUESTION);
  }

  @BeforeEach
  void reset() {
    stub.reset();
  }

  @AfterAll
  static void stop() {
    stub.close();
  }

  static CliRun run(String stdin, String... args) {
    return CliRun.run(env, stdin, args);
  }

  static void modelCites(String file) {
    stub.answer(
        r ->
            r.isRewrite()
                ? OpenAiStub.standaloneAsIs(QUESTION)
                : text(CLAIM + " [" + r.passageOf(file) + "]."));
  }

  @Test
  void askStreamsTheAnswerThenPrintsTheSources() {
    modelCites("000_7374b92905a51571.txt");
    CliRun r = run("", "ask", QUESTION);
    assertThat(r.code()).isZero();
    assertThat(stub.requests().stream().filter(q -> !q.isRewrite()).toList())
        .allSatisfy(q -> assertThat(q.stream()).isTrue());
    assertThat(r.out())
        .startsWith(CLAIM + " [1].\n\n[1] 000_7374b92905a51571.txt, line")
        .containsOnlyOnce(CLAIM);
  }

  @Test
  void aRejectedStreamIsFollowedByTheCheckedAnswer() {
    stub.answer(r -> text("Không có trích dẫn."));
    CliRun r = run("", "ask", QUESTION);
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .startsWith("Không có trích dẫn.\n\n")
        .contains("[1] 000_7374b92905a51571.txt");
  }

  @Test
  void jsonIsPrintedOnceCheckedWithTheModeThatProducedIt() throws Exception {
    modelCites("000_7374b92905a51571.txt");
    CliRun r = run(QUESTION + "\n", "ask", "--json");
    assertThat(r.code()).isZero();
    var record = new ObjectMapper().readTree(r.out().strip());
    assertThat(record.path("mode").asText()).isEqualTo("llm");
    assertThat(record.path("answer").asText()).isEqualTo(CLAIM + " [1].");
    assertThat(stub.requests().stream().filter(q -> !q.isRewrite()).toList())
        .allSatisfy(q -> assertThat(q.stream()).isFalse());
  }

  @Test
  void anUnreachableServerFallsBackQuietly() {
    Map<String, String> saved = new HashMap<>(env);
    env.put("CITEBOT_LLM_BASE_URL", "http://127.0.0.1:1/v1");
    try {
      long t0 = System.nanoTime();
      CliRun r = run("", "ask", QUESTION);
      assertThat(r.code()).isZero();
      assertThat(r.out()).contains("[1] 000_7374b92905a51571.txt");
      assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(4000);
    } finally {
      env.clear();
      env.putAll(saved);
    }
  }

  @Test
  void chatStreamsEveryTurn() {
    modelCites("000_7374b92905a51571.txt");
    CliRun r = run(QUESTION + "\nCòn gì nữa?\n", "chat");
    assertThat(r.code()).isZero();
    assertThat(r.out().split(java.util.regex.Pattern.quote(CLAIM + " [1].\n\n[1] "), -1))
        .hasSize(3);
  }

  /** Issue 10, item 9: three questions in chat left three streams open; none stays open now. */
  @Test
  void chatClosesEveryStreamThatOutlivesTheTimeout() throws Exception {
    stub.answer(
        r ->
            r.isRewrite()
                ? OpenAiStub.standaloneAsIs(QUESTION)
                : new OpenAiStub.Drip(
                    CLAIM + " [" + r.passageOf("000_7374b92905a51571.txt") + "]. ".repeat(20),
                    4,
                    250));
    CliRun r = run(QUESTION + "\n" + QUESTION + "\n" + QUESTION + "\n", "chat");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("[1] 000_7374b92905a51571.txt");
    long end = System.nanoTime() + 10_000_000_000L;
    while ((stub.openStreams() > 0 || stub.disconnects().size() < 3) && System.nanoTime() < end) {
      Thread.sleep(20);
    }
    assertThat(stub.disconnects()).as("streams the client closed").hasSize(3);
    assertThat(stub.openStreams()).as("streams still open").isZero();
  }
}
