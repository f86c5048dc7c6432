package dev.citebot.server;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Conversation ids of the API: 16 hex digits of a random 64-bit number (the key of {@link
 * dev.citebot.session.ChatSessions}). Random, so one client cannot read or join another's
 * conversation by counting; one guess in 2^64, and guesses are rate limited.
 */
final class ConversationIds {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{16}");
  private final SecureRandom random = new SecureRandom();

  long next() {
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return id;
  }

  static String format(long id) {
    return String.format(Locale.ROOT, "%016x", id);
  }

  /** The id written as {@code text}, or 0 when it is not one. */
  static long parse(String text) {
    if (text == null || !ID.matcher(text).matches()) {
      return 0;
    }
    return Long.parseUnsignedLong(text, 16);
  }
}
