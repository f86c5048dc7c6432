package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import dev.citebot.answer.OpenAiStub;
import dev.citebot.telegram.FakeBotApi.Sent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot in llm mode: the real TelegramBots client on the fake Bot API, the real engine, the real
 * LangChain4j client on the OpenAI-compatible stub.
 */
class TelegramLlmTest {
  static final String QUESTION =
      "Việt Nam và Triều Tiên đã ký những văn kiện hợp tác nào tại Bình Nhưỡng?";

  @TempDir Path dir;

  /** Issue 10, item 8: a 90 KB model reply made 22 messages; one answer is a few at most. */
  @Test
  void aHugeModelReplyIsAFewMessagesAtMost() throws Exception {
    try (OpenAiStub stub = new OpenAiStub()) {
      stub.answer(
          r -> {
            if (r.isRewrite()) {
              return OpenAiStub.standaloneAsIs(QUESTION);
            }
            String claim =
                "Hai bên đã ký Thỏa thuận hợp tác giữa Bộ Ngoại giao hai nước ["
                    + Math.max(1, r.passageOf("000_7374b92905a51571.txt"))
                    + "]. ";
            return OpenAiStub.text(claim.repeat(90_000 / claim.length()));
          });
      Path corpus = TestCorpus.seeds(dir.resolve("corpus"));
      // A generous token limit, so that the reply reaches the bot long and only the bot's own
      // limit on answers stands between it and the chat.
      Map<String, String> env =
          Map.of(
              "CITEBOT_ANSWER_MODE", "llm",
              "CITEBOT_LLM_BASE_URL", stub.baseUrl(),
              "CITEBOT_LLM_MAX_TOKENS", "16000",
              "CITEBOT_LLM_TIMEOUT", "10s");
      try (Citebot engine =
              Citebot.open(TestCorpus.config(corpus, dir.resolve("index"), env), false, l -> {});
          BotFixture bot = BotFixture.start(engine)) {
        bot.api.sendText(77, 77, QUESTION);
        // The message with the citation buttons is the answer's last.
        List<Sent> last =
            bot.api.awaitSent(77, 1, s -> !s.buttonData().isEmpty(), Duration.ofSeconds(30));
        assertThat(last).isNotEmpty();
        List<Sent> sent = bot.api.sentTo(77);
        assertThat(sent.size()).as("messages sent").isLessThanOrEqualTo(3);
        assertThat(sent.get(0).text()).startsWith("Hai bên đã ký");
        assertThat(bot.api.refused()).isEmpty();
      }
    }
  }
}
