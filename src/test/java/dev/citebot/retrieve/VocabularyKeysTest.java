package dev.citebot.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyKeysTest {
  @Test
  void theKeysFilesInTheJarAreThoseOfTheVocabulary() throws Exception {
    // Fails when vocabulary.tsv or the key rules change without running tools/vocabulary/build.
    for (String language : QueryTranslator.COLUMNS) {
      for (Map.Entry<String, String> f : QueryTranslator.bundled().keyFiles(language).entrySet()) {
        try (InputStream in = getClass().getResourceAsStream("/vocabulary/" + f.getKey())) {
          assertThat(in).as(f.getKey()).isNotNull();
          assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
              .as(f.getKey())
              .isEqualTo(f.getValue());
        }
      }
    }
  }

  @Test
  void findsWordsAndTellsWhetherALongerOneGoesOn() {
    VocabularyKeys keys =
        VocabularyKeys.bundled("keys-vi-folded.tsv"); // "dan so" (dân số) is a word of two tokens
    assertThat(keys.get("dan so")).isNotNull();
    assertThat(keys.continues("dan")).isTrue();
    assertThat(keys.get("zzzz")).isNull();
    assertThat(keys.continues("zzzz")).isFalse();
    assertThat(keys.get("")).isNull();
  }
}
