package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineIndexTest {
  @Test
  void mapsOffsetsToLinesForEveryKindOfLineEnd() {
    String text = "ab\ncd\r\nef\rgh";
    LineIndex index = new LineIndex(text);
    assertThat(index.lineCount()).isEqualTo(4);
    assertThat(index.lineOf(0)).isEqualTo(1);
    assertThat(index.lineOf(2)).isEqualTo(1); // the terminator belongs to its line
    assertThat(index.lineOf(3)).isEqualTo(2);
    assertThat(index.lineOf(6)).isEqualTo(2);
    assertThat(index.lineOf(7)).isEqualTo(3);
    assertThat(index.lineOf(10)).isEqualTo(4);
    assertThat(index.line(2).start()).isEqualTo(3);
    assertThat(index.line(2).end()).isEqualTo(5);
    assertThat(new LineIndex("").lineCount()).isEqualTo(1);
    assertThat(new LineIndex("x\n").lineCount()).isEqualTo(2);
  }
}
