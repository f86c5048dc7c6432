package dev.citebot.index;

import dev.citebot.ingest.Passage;

/**
 * One passage as an index stores it, with the article facts every passage carries.
 *
 * @param vector its embedding, or null when vectors are off
 */
public record PassageRecord(
    Passage passage, String title, String language, String url, float[] vector) {

  /** The passage's id in every backend: see {@link IndexedPassage#id}. */
  public String id() {
    return IndexedPassage.id(passage.file(), passage.ordinal());
  }
}
