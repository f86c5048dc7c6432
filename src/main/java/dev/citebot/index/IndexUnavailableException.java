package dev.citebot.index;

import java.io.IOException;

/**
 * There is no complete index to answer from and none can be built now (another citebot is building
 * it, or the disk is full). Its message is one sentence for the user.
 */
public final class IndexUnavailableException extends IOException {
  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
