package dev.citebot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;
import dev.citebot.answer.Phrases;
import dev.citebot.cli.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answers a person can read (issue 9, item 5), on the real seeds and a real index: whole sentences
 * and whole lists, trimming that keeps the evidence, follow-ups that answer their new ask, the
 * source's language named.
 */
class ReadableAnswersTest {
  @TempDir static Path dir;
  static Citebot bot;

  @BeforeAll
  static void open() throws Exception {
    bot = TestCorpus.openSeeds(dir);
  }

  @AfterAll
  static void close() throws Exception {
    bot.close();
  }

  private static Answer ask(String q) {
    return bot.ask(bot.newConversation(), q);
  }

  /** The answer's own lines, without the "see also" line. */
  private static List<String> body(Answer a) {
    return a.text().lines().takeWhile(l -> !l.startsWith(Phrases.seeAlso(a.language()))).toList();
  }

  static void assertVerbatim(Path corpus, Answer a) throws Exception {
    for (Citation c : a.citations()) {
      List<String> lines = Files.readAllLines(corpus.resolve(c.file()), StandardCharsets.UTF_8);
      String cited = String.join("\n", lines.subList(c.firstLine() - 1, c.lastLine()));
      assertThat(cited).as(c.toString()).contains(c.quote());
    }
  }

  @Test
  void aQuestionForSeveralThingsQuotesTheWholeList() throws Exception {
    Answer a = ask("Which documents did Vietnam and Belarus sign?");
    assertThat(a.grounded()).isTrue();
    Citation first = a.citations().get(0);
    assertThat(first.file()).isEqualTo("004_4f27b52e6a022b9d.txt");
    assertThat(List.of(first.firstLine(), first.lastLine())).containsExactly(23, 39);
    assertThat(first.quote())
        .startsWith("Sau cuộc hội đàm")
        .contains("dược phẩm")
        .endsWith("nước ngoài của Belarus.");
    assertThat(a.text())
        .startsWith("Sau cuộc hội đàm")
        .contains("\n- Ý định thư")
        .contains("nước ngoài của Belarus. [1]")
        .doesNotContain("Đây là cơ sở quan trọng");
    assertVerbatim(dir.resolve("seeds"), a);
  }

  @Test
  void aListRightAfterTheAnsweringSentenceFollowsIt() throws Exception {
    Answer a = ask("Which documents did Vietnam and North Korea sign?");
    assertThat(a.grounded()).isTrue();
    Citation first = a.citations().get(0);
    assertThat(first.file()).isEqualTo("000_7374b92905a51571.txt");
    assertThat(first.lastLine()).isEqualTo(9);
    assertThat(first.quote())
        .contains("Theo đó, các văn kiện hợp tác gồm")
        .endsWith("Phòng Thương mại Cộng hòa Dân chủ Nhân dân Triều Tiên.");
    assertThat(a.text()).contains("\nÝ định thư giữa Bộ Quốc phòng");
    assertVerbatim(dir.resolve("seeds"), a);
  }

  @Test
  void aLongSentenceIsQuotedWholeNotFromAClauseInTheMiddle() {
    Answer a = ask("Hva uttrykte To Lam glede over da han avla statsbesøket i Nord-Korea?");
    assertThat(a.grounded()).isTrue();
    Citation first = a.citations().get(0);
    assertThat(first.file()).isEqualTo("002_de0e4ba2ab4b4e39.txt");
    assertThat(first.quote()).startsWith("Generalsekretær To Lam uttrykte sin glede");
    assertThat(a.text()).startsWith("Generalsekretær To Lam uttrykte sin glede");
    assertThat(body(a)).isNotEmpty();
    for (String line : body(a)) {
      assertThat(line).doesNotContainPattern(", \\[\\d+]").doesNotStartWith("og ");
    }
  }

  @Test
  void theSourcesLanguageIsNamedWhenItIsNotTheQuestions() {
    Answer en = ask("Which documents did Vietnam and Belarus sign?");
    assertThat(en.text()).contains("[1] (source in Vietnamese)");
    Answer vi = ask("Việt Nam và Belarus đã ký những văn kiện nào?");
    assertThat(vi.text()).doesNotContain("(nguồn");
  }

  private static Map<String, String> env(Path corpus) {
    Map<String, String> env = new HashMap<>();
    env.put("CITEBOT_INDEX_DIR", dir.resolve("cli-data").toString());
    env.put("CITEBOT_CORPUS", corpus.toString());
    return env;
  }

  @Test
  void trimmingToMaxCharsKeepsTheClauseWithTheAskedForYear() throws Exception {
    Map<String, String> env = env(dir.resolve("seeds"));
    env.put("CITEBOT_ANSWER_MAX_CHARS", "150");
    CliRun r =
        CliRun.run(
            env,
            "Việt Nam và Belarus thiết lập quan hệ ngoại giao năm nào?\n"
                + "When did Vietnam and Belarus establish diplomatic relations?\n",
            "ask",
            "--json");
    assertThat(r.code()).isZero();
    assertThat(r.json()).hasSize(2);
    for (JsonNode answer : r.json()) {
      JsonNode first = answer.path("citations").path(0);
      assertThat(first.path("file").asText()).isEqualTo("004_4f27b52e6a022b9d.txt");
      assertThat(first.path("quote").asText()).contains("năm 1992").doesNotEndWith(",");
      assertThat(answer.path("answer").asText().lines().findFirst().orElseThrow())
          .contains("năm 1992")
          .hasSizeLessThanOrEqualTo(150 + " (source in Vietnamese)".length());
    }
  }

  @Test
  void aFollowUpAnswersItsNewAskInChat() {
    String turns =
        "{\"question\": \"Who did Tô Lâm meet in Minsk?\"}\n"
            + "{\"question\": \"And when did they establish relations?\"}\n";
    CliRun r = CliRun.run(env(dir.resolve("seeds")), turns, "chat", "--json");
    assertThat(r.code()).isZero();
    List<JsonNode> answers = r.json();
    assertThat(answers).hasSize(2);
    String firstQuote = answers.get(0).path("citations").path(0).path("quote").asText();
    JsonNode next = answers.get(1);
    assertThat(next.path("grounded").asBoolean()).isTrue();
    JsonNode cited = next.path("citations").path(0);
    assertThat(cited.path("file").asText()).isEqualTo("004_4f27b52e6a022b9d.txt");
    assertThat(cited.path("quote").asText()).contains("1992").isNotEqualTo(firstQuote);
    assertThat(next.path("answer").asText().lines().findFirst().orElseThrow())
        .contains("1992")
        .contains("[1]");
  }

  @Test
  void whatAboutANewSubjectAsksThePreviousQuestionAboutIt() {
    var c = bot.newConversation();
    Answer first = bot.ask(c, "Việt Nam và Triều Tiên thiết lập quan hệ ngoại giao năm nào?");
    assertThat(first.citations().get(0).quote()).contains("1950");
    Answer next = bot.ask(c, "Và Belarus thì sao?");
    assertThat(next.grounded()).isTrue();
    assertThat(next.citations().get(0).file()).isEqualTo("004_4f27b52e6a022b9d.txt");
    assertThat(next.citations().get(0).quote()).contains("1992");
  }

  @Test
  void aNorwegianFollowUpAnswersItsNewAsk() {
    var c = bot.newConversation();
    bot.ask(c, "Hvem møtte Tô Lâm i Minsk?");
    Answer next = bot.ask(c, "Og når opprettet de diplomatiske forbindelser?");
    assertThat(next.grounded()).isTrue();
    assertThat(next.citations().get(0).quote()).contains("1992");
  }

  @Test
  void aShortFollowUpKeepsTheConversationsLanguage() {
    var c = bot.newConversation();
    Answer first =
        bot.ask(c, "Hvilket år opprettet Vietnam og Nord-Korea diplomatiske forbindelser?");
    assertThat(first.language()).isEqualTo("no");
    Answer next = bot.ask(c, "Hva med Belarus?");
    assertThat(next.language()).isEqualTo("no");
    assertThat(next.text()).doesNotContain("source in");
  }

  @Test
  void aMarkdownArticleIsAnsweredWithoutItsMarkupAndQuotedVerbatim() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("with-markdown"));
    Files.writeString(
        corpus.resolve("bridge.md"),
        """
        # The Long River bridge opens #

        *By our correspondent*

        The **Long River bridge** was opened to traffic on [14 March 2024](https://example.com/d)
        after four years of construction.

        - It is 2.4 kilometres long;
        - it carries four lanes and a railway line.
        """);
    try (Citebot md =
        Citebot.open(TestCorpus.config(corpus, dir.resolve("md-data")), false, line -> {})) {
      Answer a = md.ask(md.newConversation(), "When was the Long River bridge opened to traffic?");
      assertThat(a.grounded()).isTrue();
      Citation first = a.citations().get(0);
      assertThat(first.file()).isEqualTo("bridge.md");
      assertThat(List.of(first.firstLine(), first.lastLine())).containsExactly(5, 6);
      assertThat(first.quote()).startsWith("The **Long River bridge**");
      assertThat(a.text())
          .startsWith("The Long River bridge was opened to traffic on 14 March 2024 after")
          .doesNotContain("**", "](", "# ");
      assertVerbatim(corpus, a);
    }
  }
}
