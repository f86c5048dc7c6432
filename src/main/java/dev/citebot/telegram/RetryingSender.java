package dev.citebot.telegram;

import java.io.IOException;
import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * Sends Bot API calls and retries the failures that retrying can fix: 429 Too Many Requests after
 * the {@code retry_after} Telegram asks for, 5xx answers, unreadable answers and network errors
 * after an exponential backoff. Other errors (400, 403: the user blocked the bot, ...) fail at
 * once. The library does not retry by itself.
 */
final class RetryingSender {
  private static final Logger log = LoggerFactory.getLogger(RetryingSender.class);

  /** How often and how long to retry. */
  record Policy(
      int maxAttempts, Duration firstBackoff, Duration maxBackoff, Duration maxRetryAfter) {
    /** Five attempts, 300 ms doubling to at most 10 s, a Retry-After of up to two minutes. */
    static Policy defaults() {
      return new Policy(5, Duration.ofMillis(300), Duration.ofSeconds(10), Duration.ofSeconds(120));
    }
  }

  private final TelegramClient client;
  private final Policy policy;
  private final Redactor redactor;

  RetryingSender(TelegramClient client, Policy policy, Redactor redactor) {
    this.client = client;
    this.policy = policy;
    this.redactor = redactor;
  }

  /**
   * Executes {@code method}, retrying as described above.
   *
   * @throws TelegramApiException the last error when it cannot be retried or attempts ran out
   * @throws InterruptedException when interrupted while waiting to retry
   */
  <T extends Serializable, M extends BotApiMethod<T>> T execute(M method)
      throws TelegramApiException, InterruptedException {
    return call(method.getMethod(), c -> c.execute(method));
  }

  /** One Bot API call the library sends its own way (multipart methods such as setWebhook). */
  interface Call<T> {
    T run(TelegramClient client) throws TelegramApiException;
  }

  <T> T call(String name, Call<T> call) throws TelegramApiException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run(client);
      } catch (TelegramApiException e) {
        long waitMillis = waitBeforeRetry(e, attempt);
        if (waitMillis < 0 || attempt >= policy.maxAttempts()) {
          throw e;
        }
        log.warn(
            "{} failed (attempt {} of {}), retrying in {} ms: {}",
            name,
            attempt,
            policy.maxAttempts(),
            waitMillis,
            redactor.describe(e));
        Thread.sleep(waitMillis);
      }
    }
  }

  /** Executes once and only logs a failure: for the "typing…" action and other niceties. */
  <T extends Serializable, M extends BotApiMethod<T>> void tryOnce(M method) {
    try {
      client.execute(method);
    } catch (TelegramApiException e) {
      log.debug("{} failed: {}", method.getMethod(), redactor.describe(e));
    }
  }

  /** Milliseconds to wait before the next attempt, or -1 when retrying cannot help. */
  long waitBeforeRetry(TelegramApiException e, int attempt) {
    if (e instanceof TelegramApiRequestException r && r.getErrorCode() != null) {
      int code = r.getErrorCode();
      if (code == 429) {
        Integer after = r.getParameters() == null ? null : r.getParameters().getRetryAfter();
        if (after == null) {
          return backoff(attempt);
        }
        long millis = after * 1000L;
        return millis > policy.maxRetryAfter().toMillis() ? -1 : millis;
      }
      if (code >= 500) {
        return backoff(attempt);
      }
      if (code != 0) {
        return -1; // 400, 401, 403, 404: the same request would fail the same way
      }
    }
    if (e instanceof TelegramApiRequestException || hasCause(e, IOException.class)) {
      return backoff(attempt); // an unreadable answer (a proxy's error page) or the network
    }
    return -1;
  }

  private long backoff(int attempt) {
    long base = policy.firstBackoff().toMillis() << Math.min(attempt - 1, 20);
    long capped = Math.min(base, policy.maxBackoff().toMillis());
    return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
