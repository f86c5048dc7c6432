package dev.citebot.telegram;

/** The bot cannot start; the message is one sentence for the operator and never holds the token. */
public final class TelegramStartException extends Exception {
  public TelegramStartException(String message) {
    super(message);
  }
}
