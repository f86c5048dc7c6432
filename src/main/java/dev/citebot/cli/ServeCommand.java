package dev.citebot.cli;

import dev.citebot.config.CitebotConfig;
import dev.citebot.server.ServerStartException;
import dev.citebot.server.WebServer;
import dev.citebot.telegram.Redactor;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "serve",
    description = {
      "Serve the HTTP API and the web page until stopped (Ctrl+C or SIGTERM finish the answers"
          + " in flight).",
      "Listens on server.bind (127.0.0.1) and server.port (8080)."
    })
final class ServeCommand implements Callable<Integer> {
  private final Session session;

  @Mixin CommonOptions common;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Port to listen on (default: server.port; 0 = any free port).")
  Integer port;

  ServeCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() throws Exception {
    CitebotConfig config = common.load(session);
    int listenOn = port != null ? port : config.server().port();
    if (listenOn < 0 || listenOn > 65535) {
      session.err().println("--port must be from 0 to 65535, not " + listenOn + ".");
      return Main.USAGE;
    }
    Redactor redactor = new Redactor(config.server().apiKey(), config.llm().apiKey());
    return new RunUntilStopped(session, redactor)
        .run(
            config,
            ServerStartException.class,
            engine -> {
              WebServer server =
                  WebServer.start(engine, config.server(), listenOn, WebServer.Settings.defaults());
              return new RunUntilStopped.Running(
                  server::close,
                  () ->
                      "citebot serves http://%s:%d/ (%s answers, %d articles%s). Stop with Ctrl+C."
                          .formatted(
                              hostForUrl(config.server().bind()),
                              server.port(),
                              config.answer().mode().configName(),
                              engine.sources().size(),
                              config.server().apiKey().isEmpty() ? "" : ", API key required"));
            });
  }

  private static String hostForUrl(String bind) {
    if (bind.equals("0.0.0.0") || bind.equals("::")) {
      return "localhost";
    }
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }
}
