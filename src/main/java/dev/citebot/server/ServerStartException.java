package dev.citebot.server;

/** {@code citebot serve} could not start; the message is one sentence for the user. */
public final class ServerStartException extends Exception {
  public ServerStartException(String message) {
    super(message);
  }
}
