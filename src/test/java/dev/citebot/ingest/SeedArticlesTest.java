package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.config.CitebotConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The five seed pages: boilerplate gone, article text kept, metadata found. */
class SeedArticlesTest {
  private static final Path SEEDS = Path.of("seeds");
  private static ArticleReader reader;

  @BeforeAll
  static void loadDetector() {
    reader = new ArticleReader(new CitebotConfig.Ingest(4L << 20, 600, 1));
  }

  private static Article read(String prefix) throws Exception {
    return reader.read(SEEDS, seed(prefix));
  }

  private static Path seed(String prefix) throws Exception {
    try (var files = java.nio.file.Files.list(SEEDS)) {
      return files
          .filter(p -> p.getFileName().toString().startsWith(prefix))
          .findFirst()
          .orElseThrow();
    }
  }

  private static List<Integer> lines(int... ranges) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < ranges.length; i += 2) {
      IntStream.rangeClosed(ranges[i], ranges[i + 1]).forEach(out::add);
    }
    return out;
  }

  private static List<Integer> odd(int from, int to) {
    return IntStream.rangeClosed(from, to).filter(i -> i % 2 == 1).boxed().toList();
  }

  private static void assertClean(String prefix, List<Integer> boilerplate, List<Integer> content)
      throws Exception {
    Article a = read(prefix);
    Set<Integer> covered = Verbatim.coveredLines(a);
    for (int line : boilerplate) {
      assertThat(covered).as("boilerplate line %d of seed %s", line, prefix).doesNotContain(line);
    }
    assertThat(covered).as("content lines of seed %s", prefix).containsAll(content);
    Verbatim.assertSentencesAreVerbatim(a, seed(prefix));
  }

  @Test
  void seed000DropsThePhotoCaption() throws Exception {
    assertClean("000", List.of(13), List.of(1, 3, 5, 7, 9, 11, 15, 17));
  }

  @Test
  void seed001DropsTheTitleAndTheSeparator() throws Exception {
    assertClean("001", List.of(1, 2), lines(3, 30));
  }

  @Test
  void seed002DropsNavigationImagesCaptionsRepeatedLeadAndTheRelatedList() throws Exception {
    List<Integer> content = new ArrayList<>(odd(9, 17));
    content.addAll(List.of(22, 24, 26, 28, 30));
    content.addAll(odd(35, 43));
    content.addAll(List.of(48, 50, 52));
    assertClean(
        "002",
        lines(1, 1, 3, 3, 5, 5, 7, 7, 19, 20, 32, 33, 45, 46, 54, 54, 56, 56, 59, 89),
        content);
  }

  @Test
  void seed003KeepsEveryParagraphButNotTheMachineDateOrTheAgencySignature() throws Exception {
    assertClean("003", List.of(), odd(1, 33));
    Article a = read("003");
    Sentence first = a.passages().get(0).sentences().get(0);
    assertThat(first.text())
        .startsWith("Deputy Minister of Foreign Affairs"); // the dateline is metadata
    Passage last = a.passages().get(a.passages().size() - 1);
    assertThat(last.sentences().get(last.sentences().size() - 1).text())
        .endsWith("around the world.");
  }

  @Test
  void seed004DropsTheFirstOfTwoLeadsAltTextsCaptionsBylineAndTheCompanyFooter() throws Exception {
    List<Integer> content = new ArrayList<>(List.of(8, 13, 15, 17, 23, 41));
    content.addAll(odd(25, 39));
    assertClean("004", lines(1, 4, 6, 6, 9, 9, 11, 11, 19, 19, 21, 21, 42, 63), content);
    Sentence lead = read("004").passages().get(0).sentences().get(0);
    assertThat(lead.text()).startsWith("Trong khuôn khổ chuyến thăm"); // "TPO - " is a byline
    assertThat(lead.firstLine()).isEqualTo(8);
  }

  @Test
  void metadataOfTheSeeds() throws Exception {
    Article a0 = read("000");
    assertThat(a0.title()).startsWith("Theo đặc phái viên TTXVN").hasSizeLessThanOrEqualTo(101);
    assertThat(a0.language()).isEqualTo("vi");

    Article a1 = read("001");
    assertThat(a1.title())
        .isEqualTo(
            "Quan hệ hữu nghị truyền thống và hợp tác truyền thống của Việt Nam tiếp tục phát"
                + " triển");
    assertThat(a1.language()).isEqualTo("vi");

    Article a2 = read("002");
    assertThat(a2.title())
        .isEqualTo(
            "Fremme forholdet mellom Vietnam og Nord-Korea for å gå inn i en ny utviklingsfase");
    assertThat(a2.sourceUrl()).startsWith("https://www.vietnamplus.vn/").endsWith(".vnp");
    assertThat(a2.date()).isEqualTo("2025-10-09");
    assertThat(a2.language()).isEqualTo("no");

    Article a3 = read("003");
    assertThat(a3.date()).isEqualTo("2025-10-08");
    assertThat(a3.language()).isEqualTo("en");
    assertThat(a3.title()).startsWith("Deputy Minister");

    Article a4 = read("004");
    assertThat(a4.title())
        .isEqualTo(
            "Tổng Bí thư Tô Lâm và Tổng thống Aleksandr Lukashenko ký tuyên bố nâng cấp quan hệ"
                + " Việt Nam - Belarus");
    assertThat(a4.language()).isEqualTo("vi");
    assertThat(a4.date()).isEmpty(); // "chiều 12/5" has no year

    for (Article a : List.of(a0, a1, a2, a3, a4)) {
      assertThat(a.contentHash()).hasSize(64).matches("[0-9a-f]+");
      assertThat(a.file()).doesNotContain("/").endsWith(".txt");
      for (int i = 0; i < a.passages().size(); i++) {
        assertThat(a.passages().get(i).ordinal()).isEqualTo(i);
      }
    }
  }
}
