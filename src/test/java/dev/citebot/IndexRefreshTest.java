package dev.citebot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citebot.cli.CliRun;
import dev.citebot.index.ArticleInfo;
import dev.citebot.index.CorpusIndex;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A running engine follows the corpus: new index generations, edited articles. */
class IndexRefreshTest {
  static final String VI_QUESTION = "Việt Nam và Triều Tiên đã ký những văn kiện nào?";
  static final String GIRAFFE =
      "# Quokkazebra\n\nThe quokkazebra protocol was ratified in Hanoi in 2031.\n";

  @TempDir Path dir;
  Path corpus;
  Citebot engine;
  final List<String> console = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() throws Exception {
    corpus = TestCorpus.seeds(dir.resolve("seeds"));
    engine = Citebot.open(TestCorpus.config(corpus, dir.resolve("data")), false, console::add);
  }

  @AfterEach
  void close() throws Exception {
    engine.close();
  }

  private List<String> files() {
    return engine.sources().stream().map(ArticleInfo::file).toList();
  }

  /**
   * Another citebot rebuilds the index while this one runs: this one keeps its complete index until
   * it refreshes, then reads the new one, all of it.
   */
  @Test
  void aRunningEngineSwitchesToTheIndexAnotherProcessPublished() throws Exception {
    Files.writeString(corpus.resolve("005_quokkazebra.md"), GIRAFFE);
    CliRun rebuild =
        CliRun.run(
            Map.of(
                "CITEBOT_CORPUS", corpus.toString(),
                "CITEBOT_INDEX_DIR", dir.resolve("data").toString()),
            "",
            "index",
            "--rebuild");
    assertThat(rebuild.code()).isZero();
    assertThat(files()).hasSize(5);

    console.clear();
    assertThat(engine.refresh()).isTrue();
    assertThat(console)
        .as("another process did the indexing")
        .containsExactly("Answering from the new index of " + corpus + " (6 articles).");
    assertThat(files()).hasSize(6).contains("005_quokkazebra.md");
    var answer =
        engine.ask(engine.newConversation(), "When was the quokkazebra protocol ratified?");
    assertThat(answer.citations()).isNotEmpty();
    assertThat(answer.citations().get(0).file()).isEqualTo("005_quokkazebra.md");
    assertThat(engine.refresh()).as("nothing new").isFalse();
  }

  /**
   * Questions are asked on four threads while five refreshes swap index generations under them:
   * every question finishes on the index it started with (none meets a closed one), and each old
   * index is closed once its questions are done.
   */
  @Test
  void questionsInFlightFinishOnTheIndexTheyStartedWith() throws Exception {
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger answered = new AtomicInteger();
    List<Thread> askers = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread asker =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    engine.ask(engine.newConversation(), VI_QUESTION);
                    engine.sources();
                    answered.incrementAndGet();
                  } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                  }
                }
              });
      asker.start();
      askers.add(asker);
    }
    try {
      for (int i = 0; i < 5; i++) {
        Files.writeString(
            corpus.resolve("01" + i + "_extra.md"),
            "# Extra " + i + "\n\nThe extra article number " + i + " mentions quokkas.\n");
        assertThat(engine.refresh()).isTrue();
      }
    } finally {
      stop.set(true);
      for (Thread asker : askers) {
        asker.join(30_000);
      }
    }
    assertThat(failure.get()).isNull();
    assertThat(answered.get()).isPositive();
    assertThat(files()).hasSize(10);
  }

  /**
   * An article is edited after an answer cited it: its lines now hold other text, so showing the
   * cited lines says the file changed instead, until the index has the new version.
   */
  @Test
  void theCitedLinesOfAnEditedArticleAreNotShown() throws Exception {
    Citebot.Versioned cited = engine.askVersioned(engine.newConversation(), VI_QUESTION);
    var c = cited.answer().citations().get(0);
    String version = cited.versions().get(c.file());
    assertThat(version).hasSize(64);
    assertThat(engine.show(c.file(), c.firstLine(), c.lastLine(), version).lines()).isNotEmpty();

    Path file = corpus.resolve(c.file());
    Files.writeString(file, "\n\n\nA new first paragraph.\n" + Files.readString(file));

    assertThatThrownBy(() -> engine.show(c.file(), c.firstLine(), c.lastLine(), version))
        .isInstanceOf(ArticleChangedException.class)
        .hasMessage(
            c.file() + " has changed since this answer; ask again to cite its current lines.");
    assertThatThrownBy(() -> engine.show(c.file(), 1, 3))
        .isInstanceOf(ArticleChangedException.class)
        .hasMessageContaining("has changed since it was indexed");

    assertThat(engine.refresh()).isTrue();
    assertThat(engine.show(c.file(), 4, 4).lines()).containsExactly("A new first paragraph.");
    assertThatThrownBy(() -> engine.show(c.file(), c.firstLine(), c.lastLine(), version))
        .as("an old answer stays old")
        .isInstanceOf(ArticleChangedException.class);
    Citebot.Versioned again = engine.askVersioned(engine.newConversation(), VI_QUESTION);
    var now = again.answer().citations().get(0);
    assertThat(now.firstLine()).isEqualTo(c.firstLine() + 4);
    assertThat(
            engine
                .show(now.file(), now.firstLine(), now.lastLine(), again.versions().get(now.file()))
                .lines())
        .isNotEmpty();
  }

  /**
   * Bytes of the index in use change under a running engine: the next refresh that builds on it
   * checks its checksums first, sets it aside with a warning and builds from the articles, instead
   * of linking damaged files into the next generation.
   */
  @Test
  void aDamagedIndexIsNotCarriedIntoTheNextGeneration() throws Exception {
    Path location = CorpusIndex.location(dir.resolve("data"), corpus);
    Path generation = location.resolve(Files.readString(location.resolve("current")).strip());
    Path cfs;
    try (var files = Files.list(generation)) {
      cfs = files.filter(p -> p.toString().endsWith(".cfs")).findFirst().orElseThrow();
    }
    try (RandomAccessFile f = new RandomAccessFile(cfs.toFile(), "rw")) {
      f.seek(f.length() / 2);
      f.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    }
    Files.writeString(corpus.resolve("005_quokkazebra.md"), GIRAFFE);
    console.clear();

    assertThat(engine.refresh()).as("%s", console).isTrue();

    assertThat(console.get(0))
        .contains("was damaged (checksum mismatch in " + cfs.getFileName() + ")")
        .contains("set aside");
    assertThat(console).anyMatch(l -> l.contains("6 added"));
    assertThat(files()).hasSize(6);
    try (var names = Files.list(location)) {
      assertThat(names.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.startsWith("damaged-" + generation.getFileName()));
    }
  }

  /** Button data is written by whoever presses: a made-up version opens nothing more. */
  @Test
  void aForgedVersionShowsNothing() {
    assertThatThrownBy(() -> engine.show("../secret.txt", 1, 1, "00000000"))
        .isInstanceOf(java.io.FileNotFoundException.class)
        .isNotInstanceOf(ArticleChangedException.class);
    assertThatThrownBy(() -> engine.show("000_7374b92905a51571.txt", 1, 3, "00000000"))
        .isInstanceOf(ArticleChangedException.class);
  }

  @Test
  void aPeriodicRefreshPicksUpNewAndDeletedArticles() throws Exception {
    try (PeriodicRefresh refresh = PeriodicRefresh.start(engine, Duration.ofMillis(100))) {
      Files.writeString(corpus.resolve("005_quokkazebra.md"), GIRAFFE);
      Files.delete(corpus.resolve("001_3d328f551baddadb.txt"));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      List<String> seen = new ArrayList<>();
      while (System.nanoTime() < deadline && !seen.contains("005_quokkazebra.md")) {
        Thread.sleep(50);
        seen = files();
      }
      assertThat(seen).contains("005_quokkazebra.md").doesNotContain("001_3d328f551baddadb.txt");
    }
    try (PeriodicRefresh off = PeriodicRefresh.start(engine, Duration.ZERO)) {
      Files.delete(corpus.resolve("005_quokkazebra.md"));
      Thread.sleep(300);
      assertThat(files()).contains("005_quokkazebra.md");
    }
  }
}
