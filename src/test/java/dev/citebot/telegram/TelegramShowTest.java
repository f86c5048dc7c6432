package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * /show and source buttons as a Telegram user meets them: files named as the corpus names them (odd
 * characters included), and never a path of the server in a reply.
 */
class TelegramShowTest {
  static final String BACKSLASH = "back\\slash.txt";
  static final String NEWLINE = "new\nline.txt";

  @TempDir static Path dir;
  static Path corpus;
  static Citebot engine;
  BotFixture bot;

  @BeforeAll
  static void openEngine() throws Exception {
    corpus = TestCorpus.seeds(dir.resolve("corpus"));
    Files.writeString(
        corpus.resolve(BACKSLASH), "Backslash title\n\nThe walrus festival is held in June.\n");
    Files.writeString(
        corpus.resolve(NEWLINE), "Newline title\n\nThe narwhal parade starts at noon.\n");
    engine = Citebot.open(TestCorpus.config(corpus, dir.resolve("index")), false, line -> {});
  }

  @AfterAll
  static void closeEngine() throws Exception {
    engine.close();
  }

  @AfterEach
  void stop() {
    if (bot != null) {
      bot.close();
    }
  }

  private String callbackAnswer(int n) throws InterruptedException {
    assertThat(
            FakeBotApi.await(
                () -> bot.api.calls("answerCallbackQuery").size() >= n, Duration.ofSeconds(10)))
        .isTrue();
    return bot.api.calls("answerCallbackQuery").get(n - 1).body().path("text").asText();
  }

  @Test
  void repliesNameFilesRelativeToTheCorpusNeverByServerPath() throws Exception {
    bot = BotFixture.start(engine);
    String server = dir.toAbsolutePath().toString();

    bot.api.sendText(60, 60, "/show nothere.txt");
    String missing = bot.api.awaitSent(60, 1).get(0).text();
    assertThat(missing)
        .isEqualTo("nothere.txt is not an article of the corpus. /sources lists the articles.")
        .doesNotContain(server);

    bot.api.sendText(60, 60, "/show 000_7374b92905a51571.txt:99999999999");
    String past = bot.api.awaitSent(60, 2).get(1).text();
    assertThat(past).startsWith("000_7374b92905a51571.txt has only ").doesNotContain(server);

    bot.api.pressButton(60, 60, 999_999, "c:1:1-3:nothere.txt"); // a forged or stale button
    assertThat(callbackAnswer(1))
        .isEqualTo("nothere.txt is not an article of the corpus.")
        .doesNotContain(server);
  }

  @Test
  void filesWithABackslashOrANewlineInTheirNameCanBeShown() throws Exception {
    bot = BotFixture.start(engine);
    bot.api.sendText(61, 61, "/show " + BACKSLASH + ":3");
    assertThat(bot.api.awaitSent(61, 1).get(0).text()).contains("walrus festival");
    bot.api.sendText(61, 61, "/show " + NEWLINE + ":3");
    assertThat(bot.api.awaitSent(61, 2).get(1).text()).contains("narwhal parade");

    bot.api.pressButton(61, 61, 999_999, "c:1:3-3:" + BACKSLASH);
    assertThat(bot.api.awaitSent(61, 3).get(2).text()).contains("walrus festival");
    bot.api.pressButton(61, 61, 999_999, "c:1:3-3:" + NEWLINE);
    assertThat(bot.api.awaitSent(61, 4).get(3).text()).contains("narwhal parade");
  }
}
