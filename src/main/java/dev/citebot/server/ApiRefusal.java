package dev.citebot.server;

/**
 * A request the API does not serve; the message is one sentence for the client, sent as {@code
 * {"error": message}} with {@code status}.
 */
final class ApiRefusal extends Exception {
  final int status;
  final long retryAfterSeconds;

  ApiRefusal(int status, String message) {
    this(status, message, 0);
  }

  ApiRefusal(int status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
