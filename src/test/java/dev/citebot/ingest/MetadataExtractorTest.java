package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataExtractorTest {
  private static String date(String text) {
    List<TextSpan> lines = new ArrayList<>();
    for (LineIndex.Line l : new LineIndex(text).lines()) {
      lines.add(new TextSpan(l.start(), l.end()));
    }
    return MetadataExtractor.date(text, lines);
  }

  @Test
  void findsDatesInTheCommonFormats() {
    assertThat(date("date 2025-10-08 HÀ NỘI — text")).isEqualTo("2025-10-08");
    assertThat(date("Site\nNewsSite09/10/2025\nbody.")).isEqualTo("2025-10-09");
    assertThat(date("Publisert 9. oktober 2025")).isEqualTo("2025-10-09");
    assertThat(date("October 9, 2025")).isEqualTo("2025-10-09");
    assertThat(date("Thứ Năm, ngày 9/10/2025")).isEqualTo("2025-10-09");
    assertThat(date("Hà Nội, 9 tháng 10 năm 2025")).isEqualTo("2025-10-09");
    assertThat(date("31/02/2025")).isEmpty();
  }

  @Test
  void datesInsideBodyProseAreEvents() {
    assertThat(
            date(
                "The two countries established diplomatic relations and signed the treaty in"
                    + " the capital on 31/01/1950 after long talks between the delegations."))
        .isEmpty();
  }

  @Test
  void sourceUrlPrefersALabelledLink() {
    String text = "https://first.example.org/a\nbody text.\nSource: https://news.example.com/x).";
    List<TextSpan> lines = new ArrayList<>();
    for (LineIndex.Line l : new LineIndex(text).lines()) {
      lines.add(new TextSpan(l.start(), l.end()));
    }
    assertThat(MetadataExtractor.sourceUrl(text, lines)).isEqualTo("https://news.example.com/x");
  }

  @Test
  void titlesFallBackToTheFirstSentenceCutAtAWord() {
    String longSentence = "word ".repeat(40).trim() + ".";
    Sentence s = new Sentence(longSentence, 0, longSentence.length(), 1, 1);
    String title = MetadataExtractor.title(java.util.Optional.empty(), List.of(s), "dir/a.txt");
    assertThat(title).endsWith("word…").hasSizeLessThanOrEqualTo(101);
    assertThat(MetadataExtractor.title(java.util.Optional.empty(), List.of(), "dir/a.txt"))
        .isEqualTo("a");
  }
}
