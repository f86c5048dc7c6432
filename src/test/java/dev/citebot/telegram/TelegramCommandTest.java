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
}
