package dev.citebot.config;

/** A configuration problem the user can fix; the message is one sentence meant for them. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
