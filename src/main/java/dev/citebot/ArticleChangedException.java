package dev.citebot;

import java.io.FileNotFoundException;

/**
 * The article changed after the answer (or the index) that cites it was made, so the cited line
 * numbers would show other text. A {@link FileNotFoundException}: the cited version is gone.
 */
public final class ArticleChangedException extends FileNotFoundException {
  public ArticleChangedException(String message) {
    super(message);
  }
}
