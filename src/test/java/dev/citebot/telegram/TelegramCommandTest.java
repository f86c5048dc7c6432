package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.TestCorpus;
import dev.citebot.cli.Main;
import dev.citebot.telegram.FakeBotApi.Fault;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code citebot telegram} as an operator runs it: exit codes, messages, and no token in logs. */
class TelegramCommandTest {
  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() {
    env.put("CITEBOT_CORPUS", TestCorpus.seeds(dir.resolve("seeds")).toString());
    env.put("CITEBOT_INDEX_DIR", dir.resolve("data").toString());
  }

  record Result(int code, String err) {}

  Result run(String... args) {
    StringWriter err = new StringWriter();
    int code =
        new Main()
            .run(
                args,
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()),
                new PrintWriter(err),
                env);
    return new Result(code, err.toString());
  }

  @Test
  void withoutATokenItSaysWhereToGetOne() {
    Result r = run("telegram");
    assertThat(r.code()).isEqualTo(Main.FAILED);
    assertThat(r.err().strip()).isEqualTo("Set TELEGRAM_BOT_TOKEN to the token from @BotFather.");
  }

  @Test
  void aRejectedTokenIsOneClearSentence() throws Exception {
    try (FakeBotApi api = new FakeBotApi(BotFixture.TOKEN)) {
      String wrong = "5550001111:AAWrongWrongWrongWrongWrongWrong12";
      env.put("TELEGRAM_BOT_TOKEN", wrong);
      env.put("CITEBOT_TELEGRAM_API_URL", api.apiUrl());
      Result r = run("telegram");
      assertThat(r.code()).isEqualTo(Main.FAILED);
      String last = r.err().strip().lines().reduce((a, b) -> b).orElse("");
      assertThat(last).startsWith("Telegram rejected the bot token (401 Unauthorized)");
      assertThat(r.err()).doesNotContain(wrong).doesNotContain("Exception");
    }
  }

  @Test
  void aBadApiUrlIsOneClearSentence() {
    env.put("TELEGRAM_BOT_TOKEN", BotFixture.TOKEN);
    env.put("CITEBOT_TELEGRAM_API_URL", "http://127.0.0.1:8081/some/prefix");
    Result r = run("telegram");
    assertThat(r.code()).isEqualTo(Main.FAILED);
    assertThat(r.err()).contains("telegram.api-url must look like");
  }

  @Test
  void theTokenNeverAppearsInAnyLogLineEvenWhenTelegramFails() throws Exception {
    PrintStream originalErr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (FakeBotApi api = new FakeBotApi(BotFixture.TOKEN)) {
      env.put("TELEGRAM_BOT_TOKEN", BotFixture.TOKEN);
      env.put("CITEBOT_TELEGRAM_API_URL", api.apiUrl());
      api.failNext("getUpdates", Fault.status(500));
      api.failNext("getUpdates", Fault.dropConnection());
      api.failNext("sendMessage", Fault.status(502));
      api.failNext("sendMessage", Fault.dropConnection());
      api.failNext("sendMessage", Fault.tooManyRequests(1));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      StringWriter sessionErr = new StringWriter();
      AtomicInteger code = new AtomicInteger(-1);
      Thread bot =
          new Thread(
              () ->
                  code.set(
                      new Main()
                          .run(
                              new String[] {"telegram"},
                              new ByteArrayInputStream(new byte[0]),
                              new PrintWriter(new StringWriter()),
                              new PrintWriter(sessionErr, true),
                              env)));
      bot.start();
      assertThat(FakeBotApi.await(() -> !api.calls("getUpdates").isEmpty(), Duration.ofSeconds(30)))
          .isTrue();
      api.sendText(70, 70, "Việt Nam và Triều Tiên đã ký những văn kiện nào?");
      assertThat(api.awaitSent(70, 1)).hasSize(1);
      api.sendText(70, 70, "/show nope.txt:1-2");
      assertThat(api.awaitSent(70, 2)).hasSize(2);
      bot.interrupt(); // as SIGTERM would, through the same close()
      bot.join(20_000);

      assertThat(bot.isAlive()).isFalse();
      assertThat(code.get()).isEqualTo(Main.OK);
      assertThat(api.allCalls()).as("the token was in use").isNotEmpty();
      String logs = captured.toString(StandardCharsets.UTF_8) + sessionErr;
      assertThat(logs)
          .as("something was logged")
          .contains("GetUpdates")
          .contains("sendmessage failed");
      assertThat(logs).contains("answers in Telegram as @" + FakeBotApi.BOT_USERNAME);
      assertThat(logs).doesNotContain(BotFixture.TOKEN);
      assertThat(logs).doesNotContain(BotFixture.TOKEN.substring(BotFixture.TOKEN.indexOf(':')));
    } finally {
      System.setErr(originalErr);
    }
  }

  /**
   * An article is edited while the bot runs: the source buttons of an earlier answer say the file
   * changed instead of showing other text at the old line numbers (also once the cache forgot the
   * answer), and after the next periodic refresh (index.refresh) answers quote the new text.
   */
  @Test
  void aRunningBotNoticesAnEditedArticle() throws Exception {
    try (FakeBotApi api = new FakeBotApi(BotFixture.TOKEN)) {
      env.put("TELEGRAM_BOT_TOKEN", BotFixture.TOKEN);
      env.put("CITEBOT_TELEGRAM_API_URL", api.apiUrl());
      env.put("CITEBOT_INDEX_REFRESH", "200ms");
      StringWriter sessionErr = new StringWriter();
      Thread bot =
          new Thread(
              () ->
                  new Main()
                      .run(
                          new String[] {"telegram"},
                          new ByteArrayInputStream(new byte[0]),
                          new PrintWriter(new StringWriter()),
                          new PrintWriter(sessionErr, true),
                          env));
      bot.start();
      try {
        assertThat(
                FakeBotApi.await(() -> !api.calls("getUpdates").isEmpty(), Duration.ofSeconds(30)))
            .isTrue();
        api.sendText(71, 71, "Việt Nam và Triều Tiên đã ký những văn kiện nào?");
        FakeBotApi.Sent answer = api.awaitSent(71, 1).get(0);
        String data = answer.buttonData().get(0);
        CallbackData cited = CallbackData.parse(data).orElseThrow();
        assertThat(cited.version()).hasSize(CallbackData.VERSION_CHARS);

        Path file = Path.of(env.get("CITEBOT_CORPUS")).resolve(cited.file());
        Files.writeString(file, "\n\n\n" + Files.readString(file)); // every line moves down 3
        api.pressButton(71, 71, answer.messageId(), data);
        api.pressButton(71, 71, 999_999, data); // as after a restart: no cache, only the data
        assertThat(
                FakeBotApi.await(
                    () -> api.calls("answerCallbackQuery").size() == 2, Duration.ofSeconds(10)))
            .isTrue();
        for (FakeBotApi.Call call : api.calls("answerCallbackQuery")) {
          assertThat(call.body().path("text").asText())
              .isEqualTo(
                  cited.file()
                      + " has changed since this answer; ask again to cite its current lines.");
        }
        assertThat(api.sentTo(71)).as("no passage of the new text at the old lines").hasSize(1);

        assertThat(
                FakeBotApi.await(
                    () -> sessionErr.toString().contains("Answering from the new index"),
                    Duration.ofSeconds(30)))
            .as("the periodic refresh re-indexed the article")
            .isTrue();
        api.sendText(71, 71, "Việt Nam và Triều Tiên đã ký những văn kiện nào?");
        FakeBotApi.Sent second = api.awaitSent(71, 2).get(1);
        CallbackData now = CallbackData.parse(second.buttonData().get(0)).orElseThrow();
        assertThat(now.file()).isEqualTo(cited.file());
        assertThat(now.from()).isEqualTo(cited.from() + 3);
        assertThat(now.version()).isNotEqualTo(cited.version());
        api.pressButton(71, 71, second.messageId(), second.buttonData().get(0));
        FakeBotApi.Sent passage = api.awaitSent(71, 3).get(2);
        assertThat(passage.text()).contains(cited.file()).contains(" " + now.from());
      } finally {
        bot.interrupt();
        bot.join(20_000);
      }
      assertThat(bot.isAlive()).isFalse();
    }
  }
}
