package dev.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhrasesTest {
  @Test
  void theSourcesLanguageIsNamedInTheQuestionsLanguage() {
    assertThat(Phrases.sourceIn("en", List.of("vi"))).isEqualTo("(source in Vietnamese)");
    assertThat(Phrases.sourceIn("no", List.of("vi"))).isEqualTo("(kilden er på vietnamesisk)");
    assertThat(Phrases.sourceIn("vi", List.of("en"))).isEqualTo("(nguồn bằng tiếng Anh)");
    assertThat(Phrases.sourceIn("en", List.of("vi", "no")))
        .isEqualTo("(sources in Vietnamese and Norwegian)");
    assertThat(Phrases.sourceIn("en", List.of("de"))).isEqualTo("(source in German)");
  }
}
