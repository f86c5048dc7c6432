package dev.citebot.cli;

import dev.citebot.Citebot;
import dev.citebot.PeriodicRefresh;
import dev.citebot.config.CitebotConfig;
import dev.citebot.telegram.RedactingOutputStream;
import dev.citebot.telegram.Redactor;
import dev.citebot.telegram.TelegramService;
import dev.citebot.telegram.TelegramStartException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "telegram",
    description = {
      "Run the Telegram bot until stopped (Ctrl+C or SIGTERM finish the answers in flight).",
      "The token comes from TELEGRAM_BOT_TOKEN (or telegram.token); it is never printed.",
      "Long polling by default; a webhook when telegram.webhook.url is set."
    })
final class TelegramCommand implements Callable<Integer> {
  private final Session session;

  @Mixin CommonOptions common;

  TelegramCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    CitebotConfig config = common.load(session);
    CitebotConfig.Telegram tg = config.telegram();
    if (tg.token().isBlank()) {
      session.err().println("Set TELEGRAM_BOT_TOKEN to the token from @BotFather.");
      return Main.FAILED;
    }
    // Libraries log to standard error; whatever they print there loses the token first.
    Redactor redactor = new Redactor(tg.token(), tg.webhookSecret(), config.llm().apiKey());
    PrintStream originalErr = System.err;
    System.setErr(
        new PrintStream(
            new RedactingOutputStream(originalErr, redactor), true, StandardCharsets.UTF_8));
    try (Citebot engine = Citebot.open(config, false, line -> say(redactor.scrub(line)));
        // Closed before the engine: no refresh runs on a closed index.
        PeriodicRefresh refresh = PeriodicRefresh.start(engine, config.indexRefresh())) {
      TelegramService service;
      try {
        service = TelegramService.start(engine, tg, TelegramService.Settings.defaults());
      } catch (TelegramStartException e) {
        say(e.getMessage());
        return Main.FAILED;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                say("Stopping: finishing the answers in flight.");
                service.close();
                stopped.countDown();
              },
              "citebot-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      say(
          "citebot answers in Telegram as @%s (%s, %d articles). Stop with Ctrl+C."
              .formatted(service.identity().username(), service.mode(), engine.sources().size()));
      try {
        stopped.await(); // until SIGTERM/Ctrl+C runs the hook
      } catch (InterruptedException e) { // embedded (tests): interrupting the thread stops the bot
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
          // the hook runs anyway
        }
        service.close();
      }
      return Main.OK;
    } finally {
      System.setErr(originalErr);
    }
  }

  private void say(String line) {
    session.err().println(line);
    session.err().flush();
  }
}
