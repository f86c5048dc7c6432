package dev.citebot.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Groups the sentences of one article into passages of about {@code passageChars} characters.
 *
 * <p>A passage never splits a sentence and holds at least one sentence, so a sentence longer than
 * the target is a passage of its own. The last {@code overlap} sentences of a passage open the next
 * one, so a fact stated across a boundary is still found in one passage. Passages may cross
 * paragraph breaks: short paragraphs would otherwise make passages too small to rank well.
 */
public final class PassageChunker {
  private final int passageChars;
  private final int overlap;

  public PassageChunker(int passageChars, int overlap) {
    if (passageChars <= 0 || overlap < 0) {
      throw new IllegalArgumentException("passageChars must be > 0 and overlap >= 0");
    }
    this.passageChars = passageChars;
    this.overlap = overlap;
  }

  public List<Passage> chunk(String file, List<Sentence> sentences) {
    List<Passage> passages = new ArrayList<>();
    int first = 0; // first sentence of the current passage
    int fresh = 0; // first sentence not yet in any passage
    while (fresh < sentences.size()) {
      int end = fresh + 1; // every passage takes at least one new sentence
      int chars = length(sentences, first, end);
      while (end < sentences.size()
          && chars + 1 + sentences.get(end).text().length() <= passageChars) {
        chars += 1 + sentences.get(end).text().length();
        end++;
      }
      passages.add(new Passage(file, passages.size(), sentences.subList(first, end)));
      fresh = end;
      // Repeat up to `overlap` sentences, but never the whole passage (that would not advance).
      first = Math.max(end - overlap, first + 1);
    }
    return passages;
  }

  private static int length(List<Sentence> sentences, int from, int to) {
    int chars = -1;
    for (int i = from; i < to; i++) {
      chars += 1 + sentences.get(i).text().length();
    }
    return chars;
  }
}
