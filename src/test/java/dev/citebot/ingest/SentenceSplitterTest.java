package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceSplitterTest {
  private final SentenceSplitter splitter = new SentenceSplitter();

  private List<Sentence> split(String text, String lang) {
    return splitter.split(text, List.of(new TextSpan(0, text.length())), lang, new LineIndex(text));
  }

  @Test
  void abbreviationsDoNotEndSentences() {
    String text = "  Mr. Smith met U.S. officials in Washington. They talked for an hour.  ";
    List<Sentence> s = split(text, "en");
    assertThat(s)
        .extracting(Sentence::text)
        .containsExactly("Mr. Smith met U.S. officials in Washington.", "They talked for an hour.");
    assertThat(s.get(0).start()).isEqualTo(2);
    assertThat(text.substring(s.get(1).start(), s.get(1).end())).isEqualTo(s.get(1).text());
  }

  @Test
  void vietnameseAndUnknownLanguagesSplit() {
    assertThat(split("Hai nước đã ký văn kiện. Quan hệ phát triển tốt đẹp./.", "vi")).hasSize(2);
    assertThat(split("One. Two.", "und")).hasSize(2);
  }

  @Test
  void overlongSentencesAreCutAtASeparator() {
    String item = "một mục trong danh sách dài";
    String text = String.join(", ", java.util.Collections.nCopies(80, item));
    List<Sentence> s = split(text, "vi");
    assertThat(s).hasSizeGreaterThan(1);
    assertThat(s).allSatisfy(x -> assertThat(x.text().length()).isLessThanOrEqualTo(1000));
    assertThat(s.get(0).text()).endsWith(",");
    assertThat(s)
        .allSatisfy(x -> assertThat(text.substring(x.start(), x.end())).isEqualTo(x.text()));
  }
}
