package dev.citebot.cli;

import dev.citebot.Citebot;
import dev.citebot.PeriodicRefresh;
import dev.citebot.config.CitebotConfig;
import dev.citebot.telegram.RedactingOutputStream;
import dev.citebot.telegram.Redactor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Runs a long-running front end ({@code serve}, {@code telegram}) on the engine until SIGTERM or
 * Ctrl+C, which let the answers in flight finish. One place, so both commands redact, refresh, stop
 * and close in the same order.
 */
final class RunUntilStopped {
  /**
   * A started front end: how it stops (finishing the answers in flight), and the line that says it
   * runs, made once the shutdown hook is in place.
   */
  record Running(Runnable stop, Supplier<String> greeting) {}

  /** Starts a front end on the open engine, or throws {@code E} with one sentence for the user. */
  @FunctionalInterface
  interface FrontEnd<E extends Exception> {
    Running start(Citebot engine) throws E;
  }

  private final Session session;
  private final Redactor redactor;

  /** {@code redactor} holds the secrets of this front end, which standard error never shows. */
  RunUntilStopped(Session session, Redactor redactor) {
    this.session = session;
    this.redactor = redactor;
  }

  /**
   * Opens the engine, starts the front end and waits until it is stopped.
   *
   * @param startFailure the front end's exception for "could not start": said, then exit 1
   * @return {@link Main#OK} once stopped, {@link Main#FAILED} when it could not start
   */
  <E extends Exception> int run(CitebotConfig config, Class<E> startFailure, FrontEnd<E> frontEnd)
      throws Exception {
    // Libraries log to standard error; whatever they print there loses the secrets first.
    PrintStream originalErr = System.err;
    System.setErr(
        new PrintStream(
            new RedactingOutputStream(originalErr, redactor), true, StandardCharsets.UTF_8));
    try (Citebot engine = Citebot.open(config, false, line -> say(redactor.scrub(line)));
        // Closed before the engine: no refresh runs on a closed index.
        PeriodicRefresh refresh = PeriodicRefresh.start(engine, config.indexRefresh())) {
      Running running;
      try {
        running = frontEnd.start(engine);
      } catch (Exception e) {
        if (!startFailure.isInstance(e)) {
          throw e;
        }
        say(e.getMessage());
        return Main.FAILED;
      }
      untilStopped(running);
      return Main.OK;
    } finally {
      System.setErr(originalErr);
    }
  }

  private void untilStopped(Running running) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              say("Stopping: finishing the answers in flight.");
              running.stop().run();
              stopped.countDown();
            },
            "citebot-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    say(running.greeting().get());
    try {
      stopped.await(); // until SIGTERM/Ctrl+C runs the hook
    } catch (InterruptedException e) { // embedded (tests): interrupting the thread stops it
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyStopping) {
        // the hook runs anyway
      }
      running.stop().run();
    }
  }

  private void say(String line) {
    session.err().println(line);
    session.err().flush();
  }
}
