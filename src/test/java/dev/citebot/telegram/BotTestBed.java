package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.Citebot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The lifecycle the Telegram tests share, as a JUnit extension ({@code @RegisterExtension static
 * final BotTestBed bed = new BotTestBed();}): one engine per test class, opened on a temp folder
 * before the class and closed (the folder deleted) after it, and the bots a test starts on it,
 * closed after the test once it is checked that the fake Bot API refused none of their messages.
 */
final class BotTestBed implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {
  /** Opens the engine on a fresh temp folder. */
  interface Opener {
    Citebot open(Path dir) throws Exception;
  }

  private final Opener opener;
  private final List<BotFixture> bots = new ArrayList<>();
  private Path dir;
  private Citebot engine;

  /** The engine of {@link BotFixture#engine}: the seeds and the markup article. */
  BotTestBed() {
    this(BotFixture::engine);
  }

  BotTestBed(Opener opener) {
    this.opener = opener;
  }

  Citebot engine() {
    return engine;
  }

  /** The temp folder the engine was opened on. */
  Path dir() {
    return dir;
  }

  /** A bot with the default limits on the engine, closed after the test. */
  BotFixture start() throws Exception {
    return keep(BotFixture.start(engine));
  }

  /** A bot with these access lists and rate limit, closed after the test. */
  BotFixture start(Set<Long> chats, Set<Long> users, int perMinute) throws Exception {
    return keep(BotFixture.start(engine, chats, users, perMinute));
  }

  private BotFixture keep(BotFixture bot) {
    bots.add(bot);
    return bot;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("citebot-telegram-test");
    engine = opener.open(dir);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      for (BotFixture bot : bots) {
        assertThat(bot.api.refused()).as("messages Telegram would refuse").isEmpty();
      }
    } finally {
      bots.forEach(BotFixture::close);
      bots.clear();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      if (engine != null) {
        engine.close();
      }
    } finally {
      delete(dir);
    }
  }

  private static void delete(Path dir) throws IOException {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
