package dev.citebot.telegram;

import dev.citebot.Citebot;
import dev.citebot.TestCorpus;
import dev.citebot.config.CitebotConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * A real engine on a temp copy of the seeds (plus one article full of HTML-like text), and a real
 * bot talking to a {@link FakeBotApi} over HTTP.
 */
final class BotFixture implements AutoCloseable {
  /** Shaped like a real token, so a leak would look like one. */
  static final String TOKEN = "6104857203:AAHk3-xQ_Zp9vLr2TtY8uWc0dEfGhIjKlMn";

  static final String MARKUP_FILE = "markup-symbols.txt";
  static final String MARKUP_ARTICLE =
      """
      Markup & symbols: <b>bold</b> in a title

      The firmware team at AT&T wrote that the expression a < b && c > d must be escaped, and that <script>alert(1)</script> is not a tag here.

      The Quokka protocol uses 3 < 4 handshakes & one <ack> message before the session opens.
      """;

  /** Test timings: short retries and backoffs, a free webhook port. */
  static final TelegramService.Settings FAST =
      new TelegramService.Settings(
          8, Duration.ofSeconds(10), 5, Duration.ofMillis(50), Duration.ofMillis(50), 0);

  final FakeBotApi api;
  final TelegramService service;

  private BotFixture(FakeBotApi api, TelegramService service) {
    this.api = api;
    this.service = service;
  }

  /** Opens the engine on {@code dir}/corpus with its index in {@code dir}/index. */
  static Citebot engine(Path dir) {
    Path corpus = TestCorpus.seeds(dir.resolve("corpus"));
    try {
      Files.writeString(corpus.resolve(MARKUP_FILE), MARKUP_ARTICLE);
      CitebotConfig config = TestCorpus.config(corpus, dir.resolve("index"));
      return Citebot.open(config, false, line -> {});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CitebotConfig.Telegram telegram(
      String apiUrl, Set<Long> chats, Set<Long> users, int perMinute) {
    return new CitebotConfig.Telegram(
        TOKEN, apiUrl, chats, users, perMinute, 1000, "", 8443, "", "127.0.0.1");
  }

  /** An open bot with the default limits. */
  static BotFixture start(Citebot engine) throws Exception {
    return start(engine, Set.of(), Set.of(), 60);
  }

  static BotFixture start(Citebot engine, Set<Long> chats, Set<Long> users, int perMinute)
      throws Exception {
    FakeBotApi api = new FakeBotApi(TOKEN);
    try {
      TelegramService service =
          TelegramService.start(engine, telegram(api.apiUrl(), chats, users, perMinute), FAST);
      return new BotFixture(api, service);
    } catch (Exception e) {
      api.close();
      throw e;
    }
  }

  @Override
  public void close() {
    service.close();
    api.close();
  }
}
