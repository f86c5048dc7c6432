package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/** Checks shared by the ingest tests: sentences are verbatim and sit on the lines they claim. */
final class Verbatim {
  private Verbatim() {}

  /**
   * Every sentence equals the citable text at [start, end), its lines agree with an independent
   * split of the original file, and (for one-line sentences) the line contains the text verbatim.
   */
  static void assertSentencesAreVerbatim(Article article, Path file) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    String text = ArticleReader.citableText(article.file(), bytes);
    String[] originalLines =
        new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
            .replaceFirst("^\uFEFF", "")
            .split("\r\n|\r|\n", -1);
    for (Passage p : article.passages()) {
      assertThat(p.file()).isEqualTo(article.file());
      for (Sentence s : p.sentences()) {
        assertThat(text.substring(s.start(), s.end())).isEqualTo(s.text());
        assertThat(s.text()).isEqualTo(s.text().strip()).isNotEmpty();
        assertThat(s.firstLine()).isBetween(1, originalLines.length);
        assertThat(s.lastLine()).isBetween(s.firstLine(), originalLines.length);
        if (s.firstLine() == s.lastLine() && !ArticleReader.isHtml(article.file())) {
          assertThat(originalLines[s.firstLine() - 1]).contains(s.text());
        }
      }
    }
  }

  /** The set of original lines some sentence of the article lies on. */
  static Set<Integer> coveredLines(Article article) {
    Set<Integer> lines = new TreeSet<>();
    for (Passage p : article.passages()) {
      for (Sentence s : p.sentences()) {
        for (int l = s.firstLine(); l <= s.lastLine(); l++) {
          lines.add(l);
        }
      }
    }
    return lines;
  }

  static Path write(Path dir, String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }
}
