package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PassageChunkerTest {
  private static List<Sentence> sentences(int count, int length) {
    List<Sentence> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String text = ("S" + i + " ").repeat(length).substring(0, length - 1) + ".";
      out.add(new Sentence(text, i * (length + 1), i * (length + 1) + length, i + 1, i + 1));
    }
    return out;
  }

  @Test
  void passagesStayNearTheTargetAndRepeatTheOverlap() {
    List<Sentence> s = sentences(10, 99); // 100 chars with the joining space
    List<Passage> p = new PassageChunker(300, 1).chunk("a.txt", s);
    assertThat(p).allSatisfy(x -> assertThat(x.text().length()).isLessThanOrEqualTo(300));
    for (int i = 1; i < p.size(); i++) {
      List<Sentence> prev = p.get(i - 1).sentences();
      assertThat(p.get(i).sentences().get(0)).isEqualTo(prev.get(prev.size() - 1));
      assertThat(p.get(i).ordinal()).isEqualTo(i);
    }
    assertThat(p.get(p.size() - 1).sentences()).endsWith(s.get(9));
    assertThat(p.stream().flatMap(x -> x.sentences().stream()).distinct()).hasSize(10);
  }

  @Test
  void aSentenceLongerThanTheTargetIsAPassageOfItsOwn() {
    List<Passage> p = new PassageChunker(50, 0).chunk("a.txt", sentences(3, 120));
    assertThat(p).hasSize(3).allSatisfy(x -> assertThat(x.sentences()).hasSize(1));
  }

  @Test
  void everyPassageAddsNewSentencesEvenWithALargeOverlap() {
    List<Passage> p = new PassageChunker(250, 5).chunk("a.txt", sentences(6, 99));
    assertThat(p.get(p.size() - 1).lastLine()).isEqualTo(6);
    assertThat(p).hasSizeLessThanOrEqualTo(6);
    assertThat(new PassageChunker(600, 1).chunk("a.txt", List.of())).isEmpty();
  }
}
