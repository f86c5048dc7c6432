package dev.citebot.cli;

import dev.citebot.Citebot;
import dev.citebot.PeriodicRefresh;
import dev.citebot.config.CitebotConfig;
import dev.citebot.server.ServerStartException;
import dev.citebot.server.WebServer;
import dev.citebot.telegram.RedactingOutputStream;
import dev.citebot.telegram.Redactor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
    // Libraries log to standard error; whatever they print there loses the secrets first.
    Redactor redactor = new Redactor(config.server().apiKey(), config.llm().apiKey());
    PrintStream originalErr = System.err;
    System.setErr(
        new PrintStream(
            new RedactingOutputStream(originalErr, redactor), true, StandardCharsets.UTF_8));
    try (Citebot engine = Citebot.open(config, false, line -> say(redactor.scrub(line)));
        // Closed before the engine: no refresh runs on a closed index.
        PeriodicRefresh refresh = PeriodicRefresh.start(engine, config.indexRefresh())) {
      WebServer server;
      try {
        server = WebServer.start(engine, config.server(), listenOn, WebServer.Settings.defaults());
      } catch (ServerStartException e) {
        say(e.getMessage());
        return Main.FAILED;
      }
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook =
          new Thread(
              () -> {
                say("Stopping: finishing the answers in flight.");
                server.close();
                stopped.countDown();
              },
              "citebot-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      say(
          "citebot serves http://%s:%d/ (%s answers, %d articles%s). Stop with Ctrl+C."
              .formatted(
                  hostForUrl(config.server().bind()),
                  server.port(),
                  config.answer().mode().configName(),
                  engine.sources().size(),
                  config.server().apiKey().isEmpty() ? "" : ", API key required"));
      try {
        stopped.await(); // until SIGTERM/Ctrl+C runs the hook
      } catch (InterruptedException e) { // embedded (tests): interrupting the thread stops it
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
          // the hook runs anyway
        }
        server.close();
      }
      return Main.OK;
    } finally {
      System.setErr(originalErr);
    }
  }

  private static String hostForUrl(String bind) {
    if (bind.equals("0.0.0.0") || bind.equals("::")) {
      return "localhost";
    }
    return bind.contains(":") ? "[" + bind + "]" : bind;
  }

  private void say(String line) {
    session.err().println(line);
    session.err().flush();
  }
}
