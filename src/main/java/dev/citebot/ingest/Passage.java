package dev.citebot.ingest;

import java.util.List;

/**
 * A run of consecutive sentences of one article: the unit that is indexed and retrieved.
 *
 * @param file path relative to the corpus folder, with '/' separators
 * @param ordinal 0-based position of the passage in its article
 * @param sentences the sentences, in file order (never empty)
 */
public record Passage(String file, int ordinal, List<Sentence> sentences) {
  public Passage {
    sentences = List.copyOf(sentences);
    if (sentences.isEmpty()) {
      throw new IllegalArgumentException("a passage needs at least one sentence");
    }
  }

  /** The sentences joined by single spaces (for indexing; quotes come from the sentences). */
  public String text() {
    StringBuilder sb = new StringBuilder();
    for (Sentence s : sentences) {
      sb.append(sb.isEmpty() ? "" : " ").append(s.text());
    }
    return sb.toString();
  }

  public int firstLine() {
    return sentences.get(0).firstLine();
  }

  public int lastLine() {
    return sentences.get(sentences.size() - 1).lastLine();
  }

  public int start() {
    return sentences.get(0).start();
  }

  public int end() {
    return sentences.get(sentences.size() - 1).end();
  }
}
