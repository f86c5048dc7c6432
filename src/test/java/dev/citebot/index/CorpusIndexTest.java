package dev.citebot.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refresh, isolation and crash safety of the on-disk index. */
class CorpusIndexTest {
  @TempDir Path dir;

  private final List<String> console = new ArrayList<>();

  private PassageIndex open(Path corpus) throws Exception {
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
      assertThat(ids(index.searchFolded("giraffe tallest", 5, Set.of())))
          .first()
          .asString()
          .startsWith("005_new.md#");
      assertThat(ids(index.searchFolded("zebras stripes", 5, Set.of())))
          .first()
          .asString()
          .startsWith("003_600e93926c99760f.txt#");
      assertThat(ids(index.searchFolded("Deputy Minister Nguyễn Minh Vũ", 5, Set.of())))
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
    try (var held = new IndexFolder(location).tryLock()) {
      assertThat(held).isNotNull();
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

  /** Before generations, Lucene's files lay directly in the corpus's index folder. */
  @Test
  void anIndexOfTheOldLayoutIsReplacedByAGeneration() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    Path location = CorpusIndex.location(dir.resolve("data"), corpus);
    Files.createDirectories(location);
    try (var old = org.apache.lucene.store.FSDirectory.open(location);
        var writer =
            new org.apache.lucene.index.IndexWriter(
                old, new org.apache.lucene.index.IndexWriterConfig())) {
      writer.addDocument(new org.apache.lucene.document.Document());
    }
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(5);
    }
    assertThat(indexFolder(corpus)).containsExactly("current", "gen-000001", "write.lock");
  }

  private CorpusIndex corpusIndex(Path corpus, CorpusIndex.Directories directories)
      throws Exception {
    CitebotConfig c = TestCorpus.config(corpus, dir.resolve("data"));
    return new CorpusIndex(
        corpus, c.indexDir(), new ArticleReader(c.ingest()), null, console::add, directories);
  }

  private List<String> indexFolder(Path corpus) throws Exception {
    try (Stream<Path> names = Files.list(CorpusIndex.location(dir.resolve("data"), corpus))) {
      return names.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /**
   * The disk fills up while a refresh writes: the last complete index stays in use, one warning
   * line says why, nothing half-written is left on the disk, and the next refresh catches up.
   */
  @Test
  void aRefreshThatCannotBeWrittenKeepsTheLastCompleteIndexWithOneWarning() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(5);
    }
    Files.writeString(
        corpus.resolve("003_600e93926c99760f.txt"),
        "Zebras have stripes that are unique to each animal.\n");
    Files.writeString(corpus.resolve("005_new.md"), "# Giraffes\n\nThe giraffe is tall.\n");
    console.clear();

    CorpusIndex full = corpusIndex(corpus, new FullDisk(4_000));
    CorpusIndex.Refreshed refreshed = full.refresh(false, true);

    assertThat(refreshed.written()).isFalse();
    assertThat(console)
        .containsExactly(
            "Could not write the new index of "
                + corpus
                + " (No space left on device); the last complete index is used.");
    try (var index = full.open(refreshed.generation())) {
      assertThat(files(index)).hasSize(5).doesNotContain("005_new.md");
      assertThat(ids(index.searchFolded("Deputy Minister Nguyễn Minh Vũ", 5, Set.of())))
          .as("the old text of the changed article")
          .anyMatch(id -> id.startsWith("003_"));
    }
    assertThat(indexFolder(corpus)).containsExactly("current", "gen-000001", "write.lock");

    console.clear();
    try (var index = open(corpus)) {
      assertThat(files(index)).contains("005_new.md");
    }
    assertThat(console).anyMatch(l -> l.contains("1 added, 1 changed"));
    assertThat(indexFolder(corpus))
        .as("the previous generation is kept for readers still opening it")
        .containsExactly("current", "gen-000001", "gen-000002", "write.lock");
  }

  @Test
  void withoutAnyCompleteIndexAFullDiskIsOneSentence() throws Exception {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    CorpusIndex full = corpusIndex(corpus, new FullDisk(4_000));
    assertThatThrownBy(() -> full.refresh(false, true))
        .isInstanceOf(IndexUnavailableException.class)
        .hasMessage("Could not build the index of " + corpus + ": No space left on device.");
    assertThat(indexFolder(corpus)).containsExactly("write.lock");
  }

  /** The files of a generated corpus of {@code n} articles. */
  private Path bigCorpus(int n) throws Exception {
    Path corpus = dir.resolve("big");
    Files.createDirectories(corpus);
    for (int i = 0; i < n; i++) {
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
    return corpus;
  }

  /** Runs citebot in a real process; its progress lines can be read as they come. */
  private Process citebot(String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.citebot.cli.Main"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile()).start();
  }

  /** Reads progress lines until one says at least {@code files} files are done. */
  private static void awaitProgress(BufferedReader out, int files) throws Exception {
    Pattern progress = Pattern.compile("Indexing .*: (\\d+)/\\d+ files");
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = progress.matcher(line);
      if (m.find() && Integer.parseInt(m.group(1)) >= files) {
        return;
      }
    }
    throw new AssertionError("the indexing process ended before " + files + " files");
  }

  /**
   * Real processes are killed with SIGKILL while they index a large corpus: in the first build (the
   * next start builds it all), and in a rebuild, which nobody sees while it runs (readers get every
   * article of the last complete index, not the part rebuilt so far) and which leaves that index as
   * it was when killed.
   */
  @Test
  void aKillMidIndexingOrMidRebuildLeavesTheLastCompleteIndex() throws Exception {
    Path corpus = bigCorpus(4000);
    Process first = citebot("index", "--corpus", corpus.toString());
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(first.getInputStream(), StandardCharsets.UTF_8))) {
      awaitProgress(out, 1);
      first.destroyForcibly();
      first.waitFor(30, TimeUnit.SECONDS);
    }
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(4000);
      for (ArticleInfo a : index.articles()) {
        assertThat(a.passages()).isPositive();
      }
    }

    Process rebuild = citebot("index", "--rebuild", "--corpus", corpus.toString());
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(rebuild.getInputStream(), StandardCharsets.UTF_8))) {
      awaitProgress(out, 600);
      console.clear();
      try (var index = open(corpus)) {
        assertThat(files(index)).as("articles seen while the rebuild runs").hasSize(4000);
      }
      assertThat(rebuild.isAlive()).as("the rebuild was still running").isTrue();
      rebuild.destroyForcibly();
      rebuild.waitFor(30, TimeUnit.SECONDS);
    }
    try (var index = open(corpus)) {
      assertThat(files(index)).hasSize(4000);
    }
    assertThat(console).as("nothing to redo after the kill").isEmpty();
  }
}
