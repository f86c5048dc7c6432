package dev.citebot.telegram;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * One warning, logged at most once per interval with a count of the ones left unsaid: anyone can
 * send the webhook bad requests, and a flood of them must not become a flood of log lines.
 */
final class ThrottledWarning {
  private final Logger log;
  private final String message;
  private final long intervalNanos;
  private final AtomicLong nextAllowed;
  private final AtomicInteger unsaid = new AtomicInteger();

  ThrottledWarning(Logger log, String message, Duration interval) {
    this.log = log;
    this.message = message;
    this.intervalNanos = interval.toNanos();
    this.nextAllowed = new AtomicLong(System.nanoTime());
  }

  void warn() {
    long now = System.nanoTime();
    long allowed = nextAllowed.get();
    if (now - allowed < 0 || !nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
      unsaid.incrementAndGet();
      return;
    }
    int more = unsaid.getAndSet(0);
    if (more == 0) {
      log.warn(message);
    } else {
      log.warn("{} ({} more since the last such warning)", message, more);
    }
  }
}
