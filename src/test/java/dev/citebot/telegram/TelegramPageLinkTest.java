package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import dev.citebot.telegram.FakeBotApi.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With server.public-url set, the sources of a Telegram answer link to the web page. */
class TelegramPageLinkTest {
  @TempDir Path dir;

  @Test
  void eachSourceLinksToThePagesArticleViewAtTheCitedLines() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("corpus"));
    Map<String, String> env = Map.of("CITEBOT_SERVER_PUBLIC_URL", "https://citebot.example.org/");
    try (Citebot engine =
            Citebot.open(TestCorpus.config(corpus, dir.resolve("index"), env), false, l -> {});
        BotFixture bot = BotFixture.start(engine)) {
      bot.api.sendText(88, 88, "When did Vietnam and the DPRK establish diplomatic relations?");
      List<Sent> sent =
          bot.api.awaitSent(88, 1, s -> !s.buttonData().isEmpty(), Duration.ofSeconds(30));
      String html = sent.get(0).html();
      assertThat(html)
          .contains(
              "<a href=\"https://citebot.example.org/?file=003_600e93926c99760f.txt&amp;from=9&amp;to=9\">line 9</a>");
    }
  }
}
