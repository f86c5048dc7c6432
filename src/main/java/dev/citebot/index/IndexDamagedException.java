package dev.citebot.index;

import java.io.EOFException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.store.AlreadyClosedException;

/**
 * The index on disk cannot be read as Lucene wrote it: a truncated or deleted file, flipped bytes.
 * Its message is one sentence for the user; {@link CorpusIndex} sets such an index aside and builds
 * a new one.
 */
public final class IndexDamagedException extends RuntimeException {
  private final transient Path location;
  private final String reason;

  IndexDamagedException(Path location, String reason) {
    this(location, reason, null);
  }

  IndexDamagedException(Path location, String reason, Throwable cause) {
    super(
        "The index in %s is damaged (%s); run 'citebot index --rebuild' to set it aside and build it again."
            .formatted(location, reason),
        cause);
    this.location = location;
    this.reason = reason;
  }

  /** What is wrong, in a few words ("checksum failed in _0.cfs"). */
  public String reason() {
    return reason;
  }

  /** The generation folder (or pointer file) that is damaged. */
  public Path location() {
    return location;
  }

  /**
   * Whether {@code e}, thrown while reading an index, means its files are damaged rather than that
   * the disk or the process failed. Lucene reports damage as these exceptions, and damage it does
   * not notice (bytes changed inside a compound file) as index or decoding errors while reading.
   */
  static boolean isDamage(Throwable e) {
    return e instanceof CorruptIndexException
        || e instanceof IndexFormatTooOldException
        || e instanceof IndexFormatTooNewException
        || e instanceof IndexNotFoundException
        || e instanceof EOFException
        || e instanceof NoSuchFileException
        || e instanceof java.io.FileNotFoundException
        || (e instanceof RuntimeException
            && !(e instanceof AlreadyClosedException)
            && !(e instanceof IndexDamagedException));
  }

  private static final Pattern LUCENE_FILE =
      Pattern.compile("(segments_[0-9a-z]+|_[0-9a-z]+(?:_[A-Za-z0-9]+)*\\.[a-z]{2,4})");

  /** A few words for the message: "checksum mismatch in _0.cfs", "segments_1 is truncated". */
  static String describe(Throwable e) {
    StringBuilder text = new StringBuilder();
    boolean truncated = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      text.append(' ').append(t.getMessage());
      truncated |= t instanceof EOFException;
    }
    String all = text.toString();
    truncated |= all.contains("remaining=0") || all.contains("read past EOF");
    Matcher file = LUCENE_FILE.matcher(all);
    String name = file.find() ? file.group(1) : null;
    if (truncated) {
      return (name == null ? "a file" : name) + " is truncated";
    }
    String what =
        all.contains("checksum")
            ? "checksum mismatch"
            : e instanceof NoSuchFileException || e instanceof java.io.FileNotFoundException
                ? "a file is missing"
                : e instanceof CorruptIndexException
                    ? "unreadable data"
                    : e.getClass().getSimpleName();
    return name == null ? what : what + " in " + name;
  }
}
