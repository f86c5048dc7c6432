package dev.citebot.answer;

/** A question citebot cannot take (empty, too long); the message is one sentence for the user. */
public final class BadQuestionException extends RuntimeException {
  public BadQuestionException(String message) {
    super(message);
  }
}
