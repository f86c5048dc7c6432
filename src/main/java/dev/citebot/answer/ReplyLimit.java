package dev.citebot.answer;

/**
 * Cuts a model reply that is longer than its token limit allows back to that length, at the end of
 * a sentence (or of a marker group, which ends a claim), so that the rest of the answer is still
 * whole sentences with their citations. A server that ignores max_tokens cannot make citebot read,
 * check or show more than the operator allowed.
 */
final class ReplyLimit {
  private ReplyLimit() {}

  /** {@code reply} when it has at most {@code maxChars} characters, else its cut prefix. */
  static String cut(String reply, int maxChars) {
    if (reply == null || reply.length() <= maxChars) {
      return reply;
    }
    // The last sentence end (". ", "! ", "? ", "] ", a line break) in the allowed part, if it keeps
    // at least half of it; else the last space; else the allowed part as it is.
    int sentence = -1;
    int space = -1;
    for (int i = maxChars - 1; i > 0 && sentence < 0; i--) {
      char c = reply.charAt(i);
      if (Character.isWhitespace(c)) {
        char before = reply.charAt(i - 1);
        if (c == '\n' || ".!?…]。".indexOf(before) >= 0) {
          sentence = i;
        } else if (space < 0) {
          space = i;
        }
      }
    }
    int at = sentence >= maxChars / 2 ? sentence : space > 0 ? space : maxChars;
    if (at > 0
        && Character.isLowSurrogate(reply.charAt(at))
        && Character.isHighSurrogate(reply.charAt(at - 1))) {
      at--;
    }
    return reply.substring(0, at).strip();
  }
}
