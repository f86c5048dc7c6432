package dev.citebot.index;

/**
 * The manifest entry of one corpus file as an index stores it: what {@code sources} lists and what
 * tells the next update whether the file changed.
 *
 * @param skipped why the file was left out, or null for an indexed article (then title, language,
 *     date and url are set)
 */
public record ArticleRecord(
    String file,
    long size,
    long modified,
    String hash,
    String title,
    String language,
    String date,
    String url,
    int passages,
    String skipped) {

  static ArticleRecord skipped(String file, long size, long modified, String hash, String why) {
    return new ArticleRecord(file, size, modified, hash, null, null, null, null, 0, why);
  }

  public IndexedFile indexed() {
    return new IndexedFile(hash == null ? "" : hash, size, modified, skipped != null);
  }
}
