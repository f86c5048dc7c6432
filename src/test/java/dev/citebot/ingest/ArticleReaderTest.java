package dev.citebot.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citebot.config.CitebotConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleReaderTest {
  private static final String PROSE =
      "The committee met on Tuesday to discuss the budget. Members agreed on three priorities."
          + " The chair thanked everyone for their work.";

  private static LanguageDetector languages;
  @TempDir Path dir;

  @BeforeAll
  static void loadDetector() {
    languages = new LanguageDetector();
  }

  private ArticleReader reader(long maxBytes) {
    return new ArticleReader(new CitebotConfig.Ingest(maxBytes, 600, 1), languages);
  }

  private Article read(Path file) throws Exception {
    Article a = reader(4L << 20).read(dir, file);
    Verbatim.assertSentencesAreVerbatim(a, file);
    return a;
  }

  private static List<Sentence> sentences(Article a) {
    return a.passages().stream().flatMap(p -> p.sentences().stream()).distinct().toList();
  }

  @Test
  void crlfLinesAreNumberedLikeAnEditorShowsThem() throws Exception {
    Path f =
        Verbatim.write(dir, "crlf.txt", "A short headline for testing\r\n\r\n" + PROSE + "\r\n");
    Article a = read(f);
    assertThat(a.title()).isEqualTo("A short headline for testing");
    assertThat(sentences(a)).hasSize(3).allSatisfy(s -> assertThat(s.firstLine()).isEqualTo(3));
    assertThat(a.language()).isEqualTo("en");
  }

  @Test
  void lonelyCarriageReturnsEndLinesToo() throws Exception {
    Path f =
        Verbatim.write(dir, "cr.txt", "First line of prose ends here.\r\rSecond paragraph here.\r");
    assertThat(sentences(read(f))).extracting(Sentence::firstLine).containsExactly(1, 3);
  }

  @Test
  void aByteOrderMarkIsSkippedAndLinesStillMatch() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    byte[] body = ("Title of the page here\n\n" + PROSE + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bom.length + body.length];
    System.arraycopy(bom, 0, all, 0, 3);
    System.arraycopy(body, 0, all, 3, body.length);
    Path f = dir.resolve("bom.txt");
    Files.write(f, all);
    Article a = read(f);
    assertThat(a.title()).isEqualTo("Title of the page here");
    Sentence first = sentences(a).get(0);
    assertThat(first.text()).startsWith("The committee");
    assertThat(first.firstLine()).isEqualTo(3);
  }

  @Test
  void hardWrappedSentencesStayWholeAndSpanTheirLines() throws Exception {
    Path f =
        Verbatim.write(
            dir,
            "wrapped.md",
            "The delegation arrived in the capital on Monday morning and\n"
                + "was welcomed by the foreign minister at the airport.\n"
                + "Talks began the next day.\n");
    List<Sentence> s = sentences(read(f));
    assertThat(s).hasSize(2);
    assertThat(s.get(0).firstLine()).isEqualTo(1);
    assertThat(s.get(0).lastLine()).isEqualTo(2);
    assertThat(s.get(0).text()).contains("and\nwas welcomed").endsWith("airport.");
  }

  @Test
  void binaryFilesAreRejected() throws Exception {
    Path f = dir.resolve("x.bin");
    Files.write(f, new byte[] {'a', 0, 'b'});
    assertThatThrownBy(() -> reader(100).read(dir, f))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessage("x.bin is not a text file (binary content).");
  }

  @Test
  void latin1FilesAreNotValidUtf8() throws Exception {
    Path f = dir.resolve("sub/x.txt");
    Files.createDirectories(f.getParent());
    Files.write(f, "blåbær".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> reader(100).read(dir, f))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessage("sub/x.txt is not valid UTF-8.");
  }

  @Test
  void filesOverTheLimitAreRejected() throws Exception {
    Path f = Verbatim.write(dir, "x.txt", "x".repeat(2000));
    assertThatThrownBy(() -> reader(1024).read(dir, f))
        .isInstanceOf(UnreadableFileException.class)
        .hasMessage("x.txt is larger than the 1 KB limit.");
    assertThat(ArticleReader.humanSize(4L << 20)).isEqualTo("4 MB");
  }

  @Test
  void missingFilesGiveOneSentence() {
    assertThatThrownBy(() -> reader(100).read(dir, dir.resolve("gone.txt")))
        .hasMessage("gone.txt is missing.");
  }

  @Test
  void anEmptyFileIsAnArticleWithoutPassages() throws Exception {
    Path f = Verbatim.write(dir, "empty.txt", "");
    Article a = read(f);
    assertThat(a.passages()).isEmpty();
    assertThat(a.title()).isEqualTo("empty");
    assertThat(a.language()).isEqualTo("und");
    assertThat(a.contentHash())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void htmlKeepsArticleTextOnItsSourceLinesAndDropsPageFurniture() throws Exception {
    String html =
        """
        <!DOCTYPE html>
        <html><head><title>Budget talks | Example News</title>
        <link rel="canonical" href="https://news.example.com/budget">
        <meta property="article:published_time" content="2025-10-09T08:00:00Z">
        <script>var x = "Do not index this sentence.";</script></head>
        <body>
        <nav><a href="/">Home</a> <a href="/world">World news today and tomorrow</a></nav>
        <header>Example News</header>
        <h1>Budget talks end with an agreement</h1>
        <p>The committee met on <b>Tuesday</b> to discuss the budget.
        Members agreed on three priorities.</p>
        <p>The chair thanked everyone for their work &amp; patience.</p>
        <aside>Read also: something else entirely.</aside>
        <footer>Copyright Example News. All rights reserved.</footer>
        </body></html>
        """;
    Path f = Verbatim.write(dir, "page.html", html);
    Article a = read(f);
    assertThat(a.title()).isEqualTo("Budget talks end with an agreement");
    assertThat(a.sourceUrl()).isEqualTo("https://news.example.com/budget");
    assertThat(a.date()).isEqualTo("2025-10-09");
    List<Sentence> s = sentences(a);
    assertThat(s)
        .extracting(Sentence::text)
        .containsExactly(
            "The committee met on    Tuesday     to discuss the budget.",
            "Members agreed on three priorities.",
            "The chair thanked everyone for their work &amp; patience.");
    assertThat(s).extracting(Sentence::firstLine).containsExactly(10, 11, 12);
    assertThat(String.join(" ", s.stream().map(Sentence::text).toList()))
        .doesNotContain("Do not index", "Home", "Copyright", "Read also");
  }

  @Test
  void markdownIsCleanedLikeHtmlAndQuotesStayVerbatimOnTheirLines() throws Exception {
    String md =
        """
        # Budget talks end with an agreement #

        *Published by Example News*

        The committee met on **Tuesday** to discuss the [budget](https://example.com/b).
        Members agreed on three priorities:

        - lower taxes for small firms and families;
        - more money for schools and hospitals;
        1. a new bridge over the river before 2027.

        > The chair thanked everyone for their _patience_.

        ---
        ![chart](chart.png)

        ```
        code that is not prose.
        ```
        """;
    Path f = Verbatim.write(dir, "talks.md", md);
    Article a = read(f); // every sentence verbatim on its own lines
    assertThat(a.title()).isEqualTo("Budget talks end with an agreement");
    List<Sentence> s = sentences(a);
    assertThat(s)
        .extracting(Sentence::text)
        .containsExactly(
            "The committee met on **Tuesday** to discuss the [budget](https://example.com/b).",
            "Members agreed on three priorities:",
            "lower taxes for small firms and families;",
            "more money for schools and hospitals;",
            "a new bridge over the river before 2027.",
            "The chair thanked everyone for their _patience_.");
    assertThat(s).extracting(Sentence::firstLine).containsExactly(5, 6, 8, 9, 10, 12);
    assertThat(MarkdownText.plain(s.get(0).text()))
        .isEqualTo("The committee met on Tuesday to discuss the budget.");
    assertThat(MarkdownText.plain(s.get(5).text()))
        .isEqualTo("The chair thanked everyone for their patience.");
  }
}
