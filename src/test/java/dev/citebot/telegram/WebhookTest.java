package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citebot.Citebot;
import dev.citebot.config.CitebotConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhook mode: Telegram POSTs updates to us; only requests with the secret header count. */
class WebhookTest {
  static final String SECRET = "hook-Secret_0123456789";

  @TempDir static Path dir;
  static Citebot engine;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void openEngine() {
    engine = BotFixture.engine(dir);
  }

  @AfterAll
  static void closeEngine() throws Exception {
    engine.close();
  }

  int post(int port, String path, String secret, String body) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (secret != null) {
      r.header(WebhookServer.SECRET_HEADER, secret);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void updatesWithTheSecretAreAnsweredOnceOthersRefused() throws Exception {
    try (FakeBotApi api = new FakeBotApi(BotFixture.TOKEN)) {
      var config =
          new CitebotConfig.Telegram(
              BotFixture.TOKEN,
              api.apiUrl(),
              Set.of(),
              Set.of(),
              60,
              1000,
              "https://bot.example.org/citebot/hook",
              8443,
              SECRET,
              "127.0.0.1");
      TelegramService service = TelegramService.start(engine, config, BotFixture.FAST);
      try {
        assertThat(service.mode()).startsWith("webhook");
        assertThat(api.calls("getUpdates")).as("no polling in webhook mode").isEmpty();
        var set = api.calls("setWebhook");
        assertThat(set).hasSize(1);
        assertThat(set.get(0).raw())
            .contains("https://bot.example.org/citebot/hook")
            .contains(SECRET);
        int port = service.webhookPort();

        String update = api.textUpdate(80, 80, "Who is Tô Lâm?").toString();
        assertThat(post(port, "/citebot/hook", "wrong", update)).isEqualTo(401);
        assertThat(post(port, "/citebot/hook", null, update)).isEqualTo(401);
        assertThat(post(port, "/elsewhere", SECRET, update)).isEqualTo(404);
        assertThat(post(port, "/citebot/hook", SECRET, "not json")).isEqualTo(400);
        assertThat(post(port, "/citebot/hook", SECRET, update)).isEqualTo(200);
        assertThat(post(port, "/citebot/hook", SECRET, update))
            .as("delivered twice")
            .isEqualTo(200);

        assertThat(api.awaitSent(80, 1).get(0).buttonData()).isNotEmpty();
        Thread.sleep(300);
        assertThat(api.sentTo(80)).hasSize(1);
      } finally {
        service.close();
      }
    }
  }

  @Test
  void aBindAddressThatIsNotOfThisMachineIsOneSentence() throws Exception {
    try (FakeBotApi api = new FakeBotApi(BotFixture.TOKEN)) {
      var config =
          new CitebotConfig.Telegram(
              BotFixture.TOKEN,
              api.apiUrl(),
              Set.of(),
              Set.of(),
              60,
              1000,
              "https://bot.example.org/citebot/hook",
              8443,
              SECRET,
              "203.0.113.7"); // TEST-NET-3: never an address of this machine
      assertThatThrownBy(() -> TelegramService.start(engine, config, BotFixture.FAST))
          .isInstanceOf(TelegramStartException.class)
          .hasMessageStartingWith("Could not listen for the webhook on 203.0.113.7 port ");
    }
  }
}
