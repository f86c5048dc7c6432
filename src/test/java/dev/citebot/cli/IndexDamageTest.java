package dev.citebot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.TestCorpus;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index files damaged on disk, as `truncate -s 0` and flipped bytes leave them: the next command
 * says so in one warning line, sets the damaged index aside (kept, renamed) and builds it again.
 */
class IndexDamageTest {
  static final String QUESTION = "When did Vietnam and the DPRK establish diplomatic relations?";

  @TempDir Path dir;
  Map<String, String> env;

  @BeforeEach
  void indexTheSeeds() {
    Path corpus = TestCorpus.seeds(dir.resolve("seeds"));
    env =
        Map.of(
            "CITEBOT_CORPUS",
            corpus.toString(),
            "CITEBOT_INDEX_DIR",
            dir.resolve("data").toString());
    assertThat(CliRun.run(env, "", "index").code()).isZero();
  }

  /** The files of the index in use (Lucene's files, wherever the index keeps them). */
  private List<Path> indexFiles(String prefix) throws IOException {
    try (Stream<Path> all = Files.walk(dir.resolve("data").resolve("index"))) {
      return all.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .filter(p -> !p.toString().contains("damaged-"))
          .toList();
    }
  }

  private List<Path> setAside() throws IOException {
    try (Stream<Path> all = Files.walk(dir.resolve("data").resolve("index"), 2)) {
      return all.filter(p -> p.getFileName().toString().startsWith("damaged-")).toList();
    }
  }

  private static void assertRecovered(CliRun r, String reason) throws IOException {
    List<String> lines = r.err().lines().toList();
    assertThat(lines).as("a warning on standard error").isNotEmpty();
    assertThat(lines.get(0))
        .startsWith("The index of ")
        .contains(" was damaged (" + reason + "); it was set aside as ")
        .endsWith(" and is built again.");
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void aTruncatedSegmentsFileIsSetAsideAndAskStillAnswers() throws Exception {
    Path segments = indexFiles("segments_").get(0);
    Files.write(segments, new byte[0]);

    CliRun r = CliRun.run(env, "", "ask", QUESTION);

    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("1950");
    assertRecovered(r, segments.getFileName() + " is truncated");
    assertThat(setAside()).hasSize(1);
    assertThat(setAside().get(0).resolve(segments.getFileName()))
        .as("the damaged files are kept, not deleted")
        .exists();
    CliRun again = CliRun.run(env, "", "ask", QUESTION);
    assertThat(again.err()).as("recovered once").isEmpty();
  }

  @Test
  void aTruncatedSegmentInfoIsSetAsideByRebuild() throws Exception {
    Path si = indexFiles("_").stream().filter(p -> p.toString().endsWith(".si")).findFirst().get();
    Files.write(si, new byte[0]);

    CliRun r = CliRun.run(env, "", "index", "--rebuild");

    assertThat(r.code()).isZero();
    assertRecovered(r, si.getFileName() + " is truncated");
    assertThat(r.out()).contains("5 articles");
  }

  @Test
  void flippedBytesInACompoundFileAreFoundAndSetAside() throws Exception {
    Path cfs =
        indexFiles("_").stream().filter(p -> p.toString().endsWith(".cfs")).findFirst().get();
    try (RandomAccessFile f = new RandomAccessFile(cfs.toFile(), "rw")) {
      long middle = f.length() / 2;
      byte[] bytes = new byte[64];
      f.seek(middle);
      f.readFully(bytes);
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] ^= 0x5a;
      }
      f.seek(middle);
      f.write(bytes);
    }

    CliRun r = CliRun.run(env, "", "sources");

    assertThat(r.code()).isZero();
    assertRecovered(r, "checksum mismatch in " + cfs.getFileName());
    assertThat(r.out().lines().filter(l -> l.contains(".txt"))).hasSize(5);
    assertThat(r.err()).doesNotContain("ArrayIndexOutOfBounds");
  }
}
