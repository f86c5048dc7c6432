package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citebot.telegram.FakeBotApi.Call;
import dev.citebot.telegram.FakeBotApi.Fault;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** The real OkHttp client against the fake server, through the retry rules. */
class RetryingSenderTest {
  FakeBotApi api;
  RetryingSender sender;

  @BeforeEach
  void start() throws Exception {
    api = new FakeBotApi(BotFixture.TOKEN);
    var client =
        new OkHttpTelegramClient(BotFixture.TOKEN, TelegramService.telegramUrl(api.apiUrl()));
    sender =
        new RetryingSender(
            client,
            new RetryingSender.Policy(
                4, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(2)),
            new Redactor(BotFixture.TOKEN));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  SendMessage hello() {
    return SendMessage.builder().chatId("5").text("hello").build();
  }

  @Test
  void retries5xxAndUnreadableAnswersAndDrops() throws Exception {
    api.failNext("sendMessage", Fault.status(500));
    api.failNext("sendMessage", Fault.status(503));
    api.failNext("sendMessage", Fault.dropConnection());
    assertThat(sender.execute(hello()).getText()).isEqualTo("hello");
    assertThat(api.calls("sendMessage"))
        .extracting(Call::status)
        .containsExactly(500, 503, -1, 200);
  }

  @Test
  void honoursRetryAfterUpToTheLimit() throws Exception {
    api.failNext("sendMessage", Fault.tooManyRequests(1));
    long t0 = System.nanoTime();
    sender.execute(hello());
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));

    api.failNext("sendMessage", Fault.tooManyRequests(30)); // longer than this policy waits
    assertThatThrownBy(() -> sender.execute(hello()))
        .isInstanceOfSatisfying(
            TelegramApiRequestException.class, e -> assertThat(e.getErrorCode()).isEqualTo(429));
  }

  @Test
  void doesNotRetryWhatCannotSucceedAndStopsAfterMaxAttempts() {
    api.failNext("sendMessage", Fault.status(403));
    assertThatThrownBy(() -> sender.execute(hello()))
        .isInstanceOf(TelegramApiRequestException.class);
    assertThat(api.calls("sendMessage")).hasSize(1);

    for (int i = 0; i < 4; i++) {
      api.failNext("sendMessage", Fault.status(500));
    }
    assertThatThrownBy(() -> sender.execute(hello()))
        .isInstanceOf(TelegramApiRequestException.class);
    assertThat(api.calls("sendMessage")).hasSize(5);
  }

  @Test
  void apiUrlsAreSchemeHostAndPortOnly() throws Exception {
    var u = TelegramService.telegramUrl("https://api.telegram.org");
    assertThat(u.getSchema() + "://" + u.getHost() + ":" + u.getPort())
        .isEqualTo("https://api.telegram.org:443");
    u = TelegramService.telegramUrl("http://127.0.0.1:8081/");
    assertThat(u.getSchema() + "://" + u.getHost() + ":" + u.getPort())
        .isEqualTo("http://127.0.0.1:8081");
    assertThatThrownBy(() -> TelegramService.telegramUrl("http://host/prefix"))
        .isInstanceOf(TelegramStartException.class);
    assertThatThrownBy(() -> TelegramService.telegramUrl("ftp://host"))
        .isInstanceOf(TelegramStartException.class);
    assertThatThrownBy(() -> TelegramService.telegramUrl("not a url"))
        .isInstanceOf(TelegramStartException.class);
  }
}
