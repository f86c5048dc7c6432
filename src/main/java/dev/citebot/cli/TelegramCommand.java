package dev.citebot.cli;

import dev.citebot.config.CitebotConfig;
import dev.citebot.telegram.Redactor;
import dev.citebot.telegram.TelegramService;
import dev.citebot.telegram.TelegramStartException;
import java.util.concurrent.Callable;
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
    // The token never shows on standard error, nor the webhook secret or the model's key.
    Redactor redactor = new Redactor(tg.token(), tg.webhookSecret(), config.llm().apiKey());
    return new RunUntilStopped(session, redactor)
        .run(
            config,
            TelegramStartException.class,
            engine -> {
              TelegramService service =
                  TelegramService.start(engine, tg, TelegramService.Settings.defaults());
              return new RunUntilStopped.Running(
                  service::close,
                  () ->
                      "citebot answers in Telegram as @%s (%s, %d articles). Stop with Ctrl+C."
                          .formatted(
                              service.identity().username(),
                              service.mode(),
                              engine.sources().size()));
            });
  }
}
