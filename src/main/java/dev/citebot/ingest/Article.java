package dev.citebot.ingest;

import java.util.List;

/**
 * One ingested file: its metadata and its citable passages (boilerplate already removed).
 *
 * @param file path relative to the corpus folder, with '/' separators
 * @param title the article's title, never empty (falls back to its first sentence or file name)
 * @param sourceUrl the source URL the text gives, or "" when none
 * @param date the article date as ISO yyyy-MM-dd when the text gives one, or ""
 * @param language ISO 639-1 code: "vi", "no", "en", ... ("und" when unknown)
 * @param contentHash SHA-256 of the file bytes, hex (drives incremental refresh)
 * @param passages citable passages in file order
 */
public record Article(
    String file,
    String title,
    String sourceUrl,
    String date,
    String language,
    String contentHash,
    List<Passage> passages) {
  public Article {
    passages = List.copyOf(passages);
  }
}
