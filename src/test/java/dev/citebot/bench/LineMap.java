package dev.citebot.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps a piece of text cut from a file (a splitter's segment) back to the 1-based lines of the file
 * it came from: exact search first (from the end of the previous segment, then anywhere), then a
 * whitespace-insensitive search, then the segment's first and last 40 characters on their own
 * (splitters re-join sentences and paragraphs with their own separators).
 */
final class LineMap {
  private final String text;
  private final int[] lineStarts;
  private final String squeezed; // text without whitespace
  private final int[] squeezedToText;

  LineMap(String text) {
    this.text = text;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    StringBuilder sb = new StringBuilder();
    int[] map = new int[text.length()];
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        map[sb.length()] = i;
        sb.append(text.charAt(i));
      }
    }
    squeezed = sb.toString();
    squeezedToText = Arrays.copyOf(map, sb.length());
  }

  /** 1-based line of a character offset. */
  int lineOf(int offset) {
    int i = Arrays.binarySearch(lineStarts, offset);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /**
   * The char range [start, end) of {@code segment} in the text, searching from {@code from} first;
   * null when it cannot be found.
   */
  int[] find(String segment, int from) {
    String s = segment.strip();
    if (s.isEmpty()) {
      return null;
    }
    int at = text.indexOf(s, Math.max(0, from));
    if (at < 0) {
      at = text.indexOf(s);
    }
    if (at >= 0) {
      return new int[] {at, at + s.length()};
    }
    String q = squeeze(s);
    int[] r = findSqueezed(q, q, from);
    if (r != null) {
      return r;
    }
    if (q.length() > 80) {
      return findSqueezed(q.substring(0, 40), q.substring(q.length() - 40), from);
    }
    return null;
  }

  private int[] findSqueezed(String head, String tail, int from) {
    int sFrom = Arrays.binarySearch(squeezedToText, Math.max(0, from));
    if (sFrom < 0) {
      sFrom = -sFrom - 1;
    }
    int h = squeezed.indexOf(head, sFrom);
    if (h < 0) {
      h = squeezed.indexOf(head);
    }
    if (h < 0) {
      return null;
    }
    int t = squeezed.indexOf(tail, h);
    if (t < 0) {
      return null;
    }
    return new int[] {squeezedToText[h], squeezedToText[t + tail.length() - 1] + 1};
  }

  private static String squeeze(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isWhitespace(s.charAt(i))) {
        sb.append(s.charAt(i));
      }
    }
    return sb.toString();
  }
}
