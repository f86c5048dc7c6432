package dev.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.TestCorpus;
import dev.citebot.config.CitebotConfig;
import dev.citebot.ingest.ArticleReader;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refresh, isolation and crash safety of the on-disk index. */
class CorpusIndexTest {
  @TempDir Path dir;

  private final List<String> console = new ArrayList<>();

  private LucenePassageIndex open(Path corpus) throws Exception {
    CitebotConfig c = TestCorpus.config(corpus, dir.resolve("data"));
    return CorpusIndex.open(
        corpus, c.indexDir(), new ArticleReader(c.ingest()), null, false, console::add);
  }

  private static List<String> files(PassageIndex index) {
    return index.articles().stream().map(ArticleInfo::file).toList();
  }

  @Test
  void refreshAddsChangesAndDeletesFiles() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(5);
    }
    Files.writeString(
        corpus.resolve("005_new.md"),
        "# Giraffes\n\nThe giraffe is the tallest living animal on land.\n",
        StandardCharsets.UTF_8);
    Path changed = corpus.resolve("003_600e93926c99760f.txt");
    Files.writeString(changed, "Zebras have stripes that are unique to each animal.\n");
    Files.delete(corpus.resolve("001_3d328f551baddadb.txt"));
    console.clear();
    try (var index = open(corpus)) {
      assertThat(files(index))
          .containsExactly(
              "000_7374b92905a51571.txt",
              "002_de0e4ba2ab4b4e39.txt",
              "003_600e93926c99760f.txt",
              "004_4f27b52e6a022b9d.txt",
              "005_new.md");
      assertThat(console).anyMatch(l -> l.contains("1 added, 1 changed, 1 removed, 3 unchanged"));
      assertThat(ids(index.searchFolded("giraffe tallest", 5, java.util.Set.of())))
          .first()
          .asString()
          .startsWith("005_new.md#");
      assertThat(ids(index.searchFolded("zebras stripes", 5, java.util.Set.of())))
          .first()
          .asString()
          .startsWith("003_600e93926c99760f.txt#");
      assertThat(ids(index.searchFolded("Deputy Minister Nguyễn Minh Vũ", 5, java.util.Set.of())))
          .noneMatch(id -> id.startsWith("003_"));
    }
    // Touched but identical files are not re-read; nothing is reported.
    Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    console.clear();
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(5);
      assertThat(console).isEmpty();
    }
  }

  @Test
  void whileAnotherProcessWritesTheLastCompleteIndexIsUsed() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(5);
    }
    Files.writeString(corpus.resolve("new.txt"), "A new article about giraffes arrived.\n");
    Path location = CorpusIndex.location(dir.resolve("data"), corpus);
    // Another citebot holds the write lock (as while it indexes).
    try (var held = org.apache.lucene.store.FSDirectory.open(location);
        var writer =
            new org.apache.lucene.index.IndexWriter(
                held, new org.apache.lucene.index.IndexWriterConfig())) {
      console.clear();
      try (var index = open(corpus)) {
        assertThat(files(index)).hasSize(5);
      }
      assertThat(console)
          .contains("Another citebot is updating the index; using the last complete one.");
    }
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(6);
    }
  }

  private static List<String> ids(List<Hit> hits) {
    return hits.stream().map(Hit::id).toList();
  }

  @Test
  void questionTermsKeepWordsThatOnlyFoldLikeGlueWords() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    try (var index = open(corpus)) {
      // "thị" and "mã" fold to the glue words "thì" and "mà", but are halves of "đồ thị", "mã hóa".
      String question = "Đồ thị được mã hóa như thế nào?";
      assertThat(index.terms(question, "vi").stream().map(IndexTerm::text))
          .contains("thị", "đồ thị", "mã", "mã hóa")
          .doesNotContain("được", "nào");
      assertThat(index.terms(question, PassageIndex.ANY_LANGUAGE).stream().map(IndexTerm::text))
          .contains("thi", "dothi", "ma", "mahoa")
          .doesNotContain("duoc", "nao");
      assertThat(index.terms("Do thi duoc ma hoa nhu the nao?", "vi").stream().map(IndexTerm::text))
          .contains("hoa")
          .doesNotContain("thi", "duoc", "ma");
    }
  }

  @Test
  void eachCorpusHasItsOwnIndex() throws Exception {
    Path a = TestCorpus.seeds(dir.resolve("a"));
    Path b = dir.resolve("b");
    Files.createDirectories(b);
    Files.writeString(b.resolve("only.txt"), "Only this article is in corpus b.\n");
    try (var ia = open(a);
        var ib = open(b)) {
      assertThat(files(ia)).hasSize(5);
      assertThat(files(ib)).containsExactly("only.txt");
    }
    assertThat(CorpusIndex.location(dir.resolve("data"), a))
        .isNotEqualTo(CorpusIndex.location(dir.resolve("data"), b));
  }

  @Test
  void unreadableFilesAreSkippedWithOneWarningAndTheRestIsIndexed() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    Files.write(corpus.resolve("binary.txt"), new byte[] {0, 1, 2, 3, (byte) 0xff, 0});
    Files.write(
        corpus.resolve("latin1.txt"), "Caf\u00e9 ol\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(corpus.resolve("image.png"), "not text");
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(5);
    }
    assertThat(console).anyMatch(l -> l.startsWith("Skipping binary.txt"));
    assertThat(console).anyMatch(l -> l.startsWith("Skipping latin1.txt"));
    assertThat(console).anyMatch(l -> l.startsWith("Skipping image.png"));
    console.clear();
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(5);
    }
    assertThat(console).noneMatch(l -> l.contains("binary.txt") || l.contains("latin1.txt"));
  }

  /**
   * A real process is killed with SIGKILL in the middle of indexing a large corpus: the index it
   * leaves opens, holds only whole articles, and the next refresh completes it.
   */
  @Test
  void aKillMidIndexingLeavesAUsableIndex() throws Exception {
    Path corpus = dir.resolve("big");
    Files.createDirectories(corpus);
    for (int i = 0; i < 4000; i++) {
      StringBuilder sb = new StringBuilder("Article number " + i + "\n\n");
      for (int s = 0; s < 12; s++) {
        sb.append("Sentence ")
            .append(s)
            .append(" of article ")
            .append(i)
            .append(" talks about topic ")
            .append((i * 7 + s) % 97)
            .append(".\n\n");
      }
      Files.writeString(corpus.resolve(String.format("a%05d.txt", i)), sb.toString());
    }
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.citebot.cli.Main",
                "index",
                "--corpus",
                corpus.toString())
            .redirectErrorStream(true)
            .directory(dir.toFile())
            .start();
    // Wait for the first progress line, then kill without warning.
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("Indexing ")) {}
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    console.clear();
    CitebotConfig c = TestCorpus.config(corpus, dir.resolve("data"));
    try (var index =
        CorpusIndex.open(
            corpus, c.indexDir(), new ArticleReader(c.ingest()), null, false, console::add)) {
      assertThat(files(index)).hasSize(4000);
      for (ArticleInfo a : index.articles()) {
        assertThat(a.passages()).isPositive();
      }
    }
  }
}
