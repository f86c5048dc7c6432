package dev.citebot.index;

import java.io.EOFException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

  IndexDamagedException(Path location, String reason) {
    this(location, reason, null);
  }

  IndexDamagedException(Path location, String reason, Throwable cause) {
    super(
        "The index in %s is damaged (%s); run 'citebot index --rebuild' to set it aside and build it again."
            .formatted(location, reason),
        cause);
    this.location = location;
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

  /** A short reason for the message: Lucene's first clause and the file it names. */
  static String reason(Throwable e) {
    String m =
        e instanceof CorruptIndexException c
            ? c.getOriginalMessage()
            : String.valueOf(e.getMessage());
    if (m == null || m.isBlank() || m.equals("null")) {
      m = e.getClass().getSimpleName();
    }
    m = m.strip().replaceAll("\\s+", " ");
    if (e instanceof CorruptIndexException c && c.getResourceDescription() != null) {
      java.util.regex.Matcher file =
          java.util.regex.Pattern.compile("([^/\\\\\"]+)\"?\\)*$")
              .matcher(c.getResourceDescription());
      if (file.find()) {
        m = m + " in " + file.group(1);
      }
    }
    return m.length() > 120 ? m.substring(0, 117) + "..." : m;
  }
}
