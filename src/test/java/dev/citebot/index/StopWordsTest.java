package dev.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StopWordsTest {
  @Test
  void accentedVietnameseWordsAreGlueOnlyWhenTheyAreThatWord() {
    assertThat(StopWords.contains("thì")).isTrue();
    assertThat(StopWords.contains("đâu")).isTrue();
    // Same folded spelling, different words: graph, oil, force.
    assertThat(StopWords.contains("thị")).isFalse();
    assertThat(StopWords.contains("dầu")).isFalse();
    assertThat(StopWords.contains("lực")).isFalse();
  }

  @Test
  void wordsTypedWithoutAccentsAreComparedFolded() {
    assertThat(StopWords.contains("dau")).isTrue();
    assertThat(StopWords.contains("nhieu")).isTrue();
    assertThat(StopWords.contains("nar")).isTrue();
    assertThat(StopWords.contains("når")).isTrue();
    assertThat(StopWords.contains("oil")).isFalse();
  }
}
