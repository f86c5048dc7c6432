package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.ingest.BoilerplateCleaner.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules on a page none of them was written for. */
class BoilerplateCleanerTest {

  private static BoilerplateCleaner.Cleaned clean(String text) {
    List<TextSpan> lines = new ArrayList<>();
    for (LineIndex.Line l : new LineIndex(text).lines()) {
      lines.add(new TextSpan(l.start(), l.end()));
    }
    return new BoilerplateCleaner().clean(text, lines);
  }

  private static List<String> content(String text) {
    return clean(text).content().stream().map(s -> s.of(text)).toList();
  }

  @Test
  void cleansAnUnseenEnglishNewsDump() {
    String page =
        """
        Skip to main content
        dailyplanet.com - News you can trust

        Harbour bridge reopens after two years of repairs

        By Jane Doe
        Updated 2024-03-02

        The harbour bridge reopened to traffic on Saturday after two years of repairs.

        harbour-bridge-opening-1.webp
        Cars cross the bridge on its first day. (Photo: John Smith/Reuters)

        The city spent 40 million dollars on the project, the mayor said.
        The harbour bridge reopened to traffic on Saturday after two years of repairs.
        ***
        (Reuters)
        Most read
        Storm closes schools across the northern region
        Local team wins the national cup after penalties
        Contact: newsroom@dailyplanet.com
        DAILY PLANET MEDIA LTD
        Phone: +44 20 7946 0958
        """;
    assertThat(content(page))
        .containsExactly(
            "The city spent 40 million dollars on the project, the mayor said.",
            "The harbour bridge reopened to traffic on Saturday after two years of repairs.");
    assertThat(clean(page).headline())
        .get()
        .extracting(BoilerplateCleaner.Unit::text)
        .isEqualTo("Harbour bridge reopens after two years of repairs");
  }

  @Test
  void keepsWrappedProseBulletsAndSubheadings() {
    String text =
        """
        The ministers met in the capital for the third time this year and
        agreed on a new trade plan.

        Trade and investment in the region

        The plan covers:
        - lower tariffs on farm goods;
        • a joint fund for small firms.
        """;
    assertThat(content(text))
        .containsExactly(
            "The ministers met in the capital for the third time this year and\n"
                + "agreed on a new trade plan.",
            "Trade and investment in the region",
            "The plan covers:",
            "- lower tariffs on farm goods;",
            "• a joint fund for small firms.");
  }

  @Test
  void singleLineRules() {
    assertThat(BoilerplateCleaner.classify("=====", 1)).isEqualTo(Verdict.SEPARATOR);
    assertThat(BoilerplateCleaner.classify("Bilde: NTB", 2)).isEqualTo(Verdict.CAPTION);
    assertThat(BoilerplateCleaner.classify("Ringen i Oslo sentrum bilde 3", 6))
        .isEqualTo(Verdict.CAPTION);
    assertThat(BoilerplateCleaner.classify("Adresse: Storgata 1, 0155 Oslo", 5))
        .isEqualTo(Verdict.LABEL);
    assertThat(BoilerplateCleaner.classify("Hotline 1800 123 456", 4)).isEqualTo(Verdict.CONTACT);
  }

  @Test
  void aNewspapersBylineOpeningTheFirstParagraphIsMetadata() {
    String page =
        """
        Leaders sign a declaration on strategic partnership

        TPO - On the afternoon of May 12, in Minsk, the two leaders signed a joint declaration.

        ASEAN - China trade grew by a tenth last year, the ministry said in its report.
        """;
    assertThat(content(page))
        .containsExactly(
            "On the afternoon of May 12, in Minsk, the two leaders signed a joint declaration.",
            "ASEAN - China trade grew by a tenth last year, the ministry said in its report.");
    assertThat(content("(VOV) - The minister arrived in Hanoi on Monday for two days of talks."))
        .containsExactly("The minister arrived in Hanoi on Monday for two days of talks.");
  }
}
