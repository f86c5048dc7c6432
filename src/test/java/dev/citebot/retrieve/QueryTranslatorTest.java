package dev.citebot.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryTranslatorTest {
  private final QueryTranslator translator = QueryTranslator.bundled();

  @Test
  void listedWordsBringTheirTranslations() {
    assertThat(translator.expand("What is the population of Hanoi?", "en", Set.of("vi", "no")))
        .startsWith("What is the population of Hanoi? ")
        .contains("dân số")
        .contains("befolkning");
    assertThat(translator.expand("Dân số của Hà Nội là bao nhiêu?", "vi", Set.of("en")))
        .contains("population");
  }

  @Test
  void onlyWholeWordsOfKnownLanguagesCount() {
    // "yearly" is not "year"; a question in an unlisted language is left alone.
    assertThat(translator.expand("A yearly report", "en", Set.of("vi")))
        .isEqualTo("A yearly report");
    assertThat(translator.expand("Quelle est la population ?", "fr", Set.of("vi")))
        .isEqualTo("Quelle est la population ?");
    assertThat(translator.expand("What is the population?", "en", Set.of("en")))
        .isEqualTo("What is the population?");
  }
}
