package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.config.CitebotConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The XQuAD evaluation corpora are clean Wikipedia text: the cleaner must keep every paragraph, or
 * the answers to the evaluation questions disappear.
 */
class XquadCoverageTest {
  private static ArticleReader reader;

  @BeforeAll
  static void loadDetector() {
    reader = new ArticleReader(new CitebotConfig.Ingest(4L << 20, 600, 1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"vi", "en"})
  void everyParagraphLineIsCoveredBySomeSentence(String lang) throws Exception {
    Path corpus = Path.of("eval/xquad", lang, "corpus");
    List<Path> files = CorpusFiles.list(corpus).files();
    assertThat(files).hasSize(48);
    long t0 = System.nanoTime();
    int passages = 0;
    for (Path file : files) {
      Article a = reader.read(corpus, file);
      passages += a.passages().size();
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      Set<Integer> covered = Verbatim.coveredLines(a);
      for (int i = 2; i < lines.size(); i++) { // line 1 is the title, line 2 is blank
        if (!lines.get(i).isBlank()) {
          assertThat(covered).as("%s line %d", a.file(), i + 1).contains(i + 1);
        }
      }
      assertThat(covered).as("the title line of %s is metadata", a.file()).doesNotContain(1);
      assertThat(a.title()).isEqualTo(lines.get(0).strip());
      assertThat(a.language()).as(a.file()).isEqualTo(lang);
      Verbatim.assertSentencesAreVerbatim(a, file);
    }
    System.out.printf(
        "XQuAD %s: %d files, %d passages ingested in %d ms%n",
        lang, files.size(), passages, (System.nanoTime() - t0) / 1_000_000);
  }
}
