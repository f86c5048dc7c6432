package dev.citebot.session;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a Telegram user, an HTTP client address): {@code perMinute} questions at
 * once, refilled evenly over a minute.
 *
 * <p>A refused user is told once per streak of refusals ({@link Decision#tell()}), so flooding the
 * bot does not make it flood the chat with "please wait". Memory stays bounded: when more than
 * {@code maxUsers} buckets exist, full (idle) ones are dropped.
 */
public final class RateLimiter {
  /** The outcome of one request. */
  public record Decision(boolean allowed, boolean tell, long retryAfterSeconds) {}

  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  private final int perMinute;
  private final int maxUsers;
  private final LongSupplier nanoClock;
  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(int perMinute) {
    this(perMinute, 100_000, System::nanoTime);
  }

  RateLimiter(int perMinute, int maxUsers, LongSupplier nanoClock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be positive");
    }
    this.perMinute = perMinute;
    this.maxUsers = maxUsers;
    this.nanoClock = nanoClock;
  }

  public Decision tryAcquire(long user) {
    long now = nanoClock.getAsLong();
    if (buckets.size() > maxUsers) {
      evictIdle(now);
    }
    Bucket b = buckets.computeIfAbsent(user, u -> new Bucket(perMinute, now));
    synchronized (b) {
      b.refill(now, perMinute);
      if (b.tokens >= 1) {
        b.tokens -= 1;
        b.warned = false;
        return new Decision(true, false, 0);
      }
      double nanosPerToken = (double) MINUTE / perMinute;
      long wait = (long) Math.ceil((1 - b.tokens) * nanosPerToken / 1e9);
      boolean tell = !b.warned;
      b.warned = true;
      return new Decision(false, tell, Math.max(1, wait));
    }
  }

  private void evictIdle(long now) {
    for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
      Bucket b = it.next();
      synchronized (b) {
        b.refill(now, perMinute);
        if (b.tokens >= perMinute) {
          it.remove();
        }
      }
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;
    boolean warned;

    Bucket(int capacity, long now) {
      this.tokens = capacity;
      this.updated = now;
    }

    void refill(long now, int perMinute) {
      long elapsed = now - updated;
      if (elapsed > 0) {
        tokens = Math.min(perMinute, tokens + (double) elapsed * perMinute / MINUTE);
        updated = now;
      }
    }
  }
}
