package dev.citebot.ingest;

/** A file that cannot be ingested (binary, not UTF-8, too large, unreadable); message for users. */
public final class UnreadableFileException extends Exception {
  public UnreadableFileException(String message) {
    super(message);
  }
}
