package dev.citebot.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final AtomicLong now = new AtomicLong();
  final RateLimiter limiter = new RateLimiter(3, 100, now::get);

  @Test
  void allowsTheBurstThenRefusesAndTellsOnce() {
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(1).allowed()).isTrue();
    }
    RateLimiter.Decision refused = limiter.tryAcquire(1);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.tell()).isTrue();
    assertThat(refused.retryAfterSeconds()).isBetween(1L, 20L);
    assertThat(limiter.tryAcquire(1).tell()).as("told once per streak").isFalse();
    assertThat(limiter.tryAcquire(2).allowed()).as("another user").isTrue();
  }

  @Test
  void refillsEvenlyOverAMinute() {
    for (int i = 0; i < 3; i++) {
      limiter.tryAcquire(1);
    }
    assertThat(limiter.tryAcquire(1).allowed()).isFalse();
    now.addAndGet(TimeUnit.SECONDS.toNanos(20)); // one token back
    assertThat(limiter.tryAcquire(1).allowed()).isTrue();
    assertThat(limiter.tryAcquire(1).allowed()).isFalse();
    RateLimiter.Decision again = limiter.tryAcquire(1);
    assertThat(again.tell()).isFalse();
    now.addAndGet(TimeUnit.MINUTES.toNanos(5));
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryAcquire(1).allowed())
          .as("full again, never more than the burst")
          .isTrue();
    }
    RateLimiter.Decision refused = limiter.tryAcquire(1);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.tell()).as("a new streak is told again").isTrue();
  }

  @Test
  void forgetsIdleUsersToStayBounded() {
    for (long user = 0; user < 1000; user++) {
      limiter.tryAcquire(user);
      now.addAndGet(TimeUnit.SECONDS.toNanos(30));
    }
    // buckets refill within a minute, so all but the last few are idle and get dropped
    assertThat(limiter.tryAcquire(5000).allowed()).isTrue();
  }
}
