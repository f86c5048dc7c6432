package dev.citebot;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Refreshes a running engine's index every {@code index.refresh}, so a long-running front end (the
 * Telegram bot) notices new, edited and deleted articles: each tick is one {@link
 * Citebot#refresh()}, which costs a listing and a stat of every file when nothing changed.
 */
public final class PeriodicRefresh implements AutoCloseable {
  private final ScheduledExecutorService timer; // null when off

  private PeriodicRefresh(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Starts refreshing {@code engine} every {@code period}; a zero period refreshes never. */
  public static PeriodicRefresh start(Citebot engine, Duration period) {
    if (period.isZero() || period.isNegative()) {
      return new PeriodicRefresh(null);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "citebot-index-refresh");
              t.setDaemon(true); // a refresh never keeps the process alive: it builds beside
              return t;
            });
    long ms = Math.max(1, period.toMillis());
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            engine.refresh();
          } catch (RuntimeException e) {
            // refresh() reports its own failures; never let one end the schedule
          }
        },
        ms,
        ms,
        TimeUnit.MILLISECONDS);
    return new PeriodicRefresh(timer);
  }

  /**
   * Stops refreshing. A refresh in progress gets two seconds to publish, then is interrupted: its
   * half-built generation is dropped (the next start builds it again), so stopping a bot never
   * waits for a long re-index.
   */
  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdown();
    try {
      if (!timer.awaitTermination(2, TimeUnit.SECONDS)) {
        timer.shutdownNow();
        timer.awaitTermination(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      timer.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
