package dev.citebot.ingest;

/** A file that cannot be ingested (binary, not UTF-8, too large, unreadable); message for users. */
public final class UnreadableFileException extends Exception {
  private final String reason;

  /**
   * @param file the file's name in the corpus
   * @param reason why, to follow "is": "not valid UTF-8"
   */
  public UnreadableFileException(String file, String reason) {
    super(file + " is " + reason + ".");
    this.reason = reason;
  }

  /** Why the file is skipped, e.g. "not valid UTF-8" (for {@code Skipping FILE: REASON.}). */
  public String reason() {
    return reason;
  }
}
