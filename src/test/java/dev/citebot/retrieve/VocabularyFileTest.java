package dev.citebot.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VocabularyFileTest {
  private static String resource(String name) throws Exception {
    try (InputStream in = VocabularyFileTest.class.getResourceAsStream("/vocabulary/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void theLookupFilesInTheJarAreThoseOfTheVocabulary() throws Exception {
    // Fails when vocabulary.tsv or the key rules change without running tools/vocabulary/build.
    Map<String, String> files = VocabularyFile.generate(resource("vocabulary.tsv"));
    assertThat(files).hasSize(9);
    for (Map.Entry<String, String> f : files.entrySet()) {
      assertThat(resource(f.getKey())).as(f.getKey()).isEqualTo(f.getValue());
    }
  }

  @Test
  void findsWordsAndTellsWhetherALongerOneGoesOn() {
    VocabularyFile keys =
        VocabularyFile.bundled("keys-vi-folded.tsv"); // "dan so" (dân số) is a word of two tokens
    assertThat(keys.get("dan so")).matches("\\d+(,\\d+)*");
    assertThat(keys.find("dan").continues()).isTrue();
    assertThat(keys.find("dan so").continues()).isFalse();
    assertThat(keys.get("dan")).isNotEqualTo(keys.get("dan so"));
    assertThat(keys.find("zzzz")).isEqualTo(new VocabularyFile.Found(null, false));
    assertThat(keys.get("")).isNull();
    assertThat(keys.get("\t")).isNull();
    // A key that is not a word itself but starts longer ones: "chu nghia" of "chu nghia xa hoi".
    assertThat(keys.find("chu nghia xa").continues()).isTrue();
  }

  @Test
  void findsTheValueOfEveryLineOfEveryFileAndNothingBetweenThem() throws Exception {
    List<String> misses = new ArrayList<>();
    for (String name : VocabularyFile.generate(resource("vocabulary.tsv")).keySet()) {
      VocabularyFile file = VocabularyFile.bundled(name);
      resource(name)
          .lines()
          .skip(1)
          .forEach(
              line -> {
                String key = line.substring(0, line.indexOf('\t'));
                if (!line.substring(key.length() + 1).equals(file.get(key))
                    || file.get(key + "\u0000") != null) {
                  misses.add(name + ": " + key);
                }
              });
    }
    assertThat(misses).isEmpty();
  }

  @Test
  void writesOneHeaderThenSortedLines() {
    Map<String, String> files =
        VocabularyFile.generate(
            "# a comment\nyear\tår\tnăm\nyears ago\tår siden\ttrước\nzebra\tsebra\tngựa vằn\n");
    assertThat(files.get("words-vi.tsv"))
        .isEqualTo("# concepts 3\n00000\tnăm\n00001\ttrước\n00002\tngựa vằn\n");
    assertThat(files.get("keys-en-folded.tsv"))
        .isEqualTo("# longest 2\nyear\t0\nyears ago\t1\nzebra\t2\n");
    assertThat(files.get("keys-no-folded.tsv"))
        .isEqualTo("# longest 2\nar\t0\nar siden\t1\nsebra\t2\n");
  }
}
