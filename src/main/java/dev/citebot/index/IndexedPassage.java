package dev.citebot.index;

import dev.citebot.ingest.Passage;

/** A passage as stored in the index, with the article facts a citation needs. */
public record IndexedPassage(
    String id, Passage passage, String title, String language, String sourceUrl) {

  /** The id of passage {@code ordinal} of {@code file}: how its neighbours are fetched. */
  public static String id(String file, int ordinal) {
    return file + "#" + ordinal;
  }
}
