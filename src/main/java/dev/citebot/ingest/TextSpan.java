package dev.citebot.ingest;

/**
 * A range {@code [start, end)} of a decoded text: a raw line, a block element of an HTML page, or a
 * cleaned block of content. An empty span stands for a paragraph break.
 */
public record TextSpan(int start, int end) {
  public TextSpan {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  public String of(String text) {
    return text.substring(start, end);
  }

  public boolean isEmpty() {
    return start == end;
  }
}
