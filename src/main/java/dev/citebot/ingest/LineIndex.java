package dev.citebot.ingest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps character offsets of a decoded text to 1-based line numbers of the original file.
 *
 * <p>Line ends are "\n", "\r\n" and a lone "\r", so files from any platform number their lines the
 * way an editor shows them. Citations rely on this: a quote must be found on the cited lines.
 */
public final class LineIndex {

  /**
   * One physical line: {@code start} inclusive, {@code end} exclusive, line terminator excluded.
   */
  public record Line(int number, int start, int end) {}

  private final int[] lineStarts;
  private final int[] lineEnds;

  public LineIndex(String text) {
    int[] starts = new int[16];
    int[] ends = new int[16];
    int count = 0;
    int lineStart = 0;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        if (count == starts.length) {
          starts = Arrays.copyOf(starts, count * 2);
          ends = Arrays.copyOf(ends, count * 2);
        }
        starts[count] = lineStart;
        ends[count] = i;
        count++;
        i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
        lineStart = i;
      } else {
        i++;
      }
    }
    // The text after the last terminator is a line too (possibly empty, as an editor shows it).
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, count + 1);
      ends = Arrays.copyOf(ends, count + 1);
    }
    starts[count] = lineStart;
    ends[count] = n;
    count++;
    this.lineStarts = Arrays.copyOf(starts, count);
    this.lineEnds = Arrays.copyOf(ends, count);
  }

  /** Number of lines (a text without terminators has one line). */
  public int lineCount() {
    return lineStarts.length;
  }

  /**
   * The 1-based line holding the character at {@code offset} (a terminator belongs to its line).
   */
  public int lineOf(int offset) {
    if (offset < 0) {
      throw new IndexOutOfBoundsException("negative offset " + offset);
    }
    int pos = Arrays.binarySearch(lineStarts, offset);
    return pos >= 0 ? pos + 1 : -pos - 1;
  }

  /** The 1-based line {@code number}. */
  public Line line(int number) {
    return new Line(number, lineStarts[number - 1], lineEnds[number - 1]);
  }

  /** All lines in order. */
  public List<Line> lines() {
    List<Line> lines = new ArrayList<>(lineStarts.length);
    for (int i = 0; i < lineStarts.length; i++) {
      lines.add(new Line(i + 1, lineStarts[i], lineEnds[i]));
    }
    return lines;
  }
}
