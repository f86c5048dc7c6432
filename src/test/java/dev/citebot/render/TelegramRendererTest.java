package dev.citebot.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.Excerpt;
import dev.citebot.answer.Answer;
import dev.citebot.answer.Citation;
import dev.citebot.index.ArticleInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelegramRendererTest {
  final TelegramRenderer r = new TelegramRenderer();
  final Citation linked =
      new Citation(1, "a&b.txt", "Tom & <Jerry>", "https://x.org/?a=1&b=2", 3, 9, "x < y", 0.9);
  final Citation plain = new Citation(2, "c.txt", "", "javascript:alert(1)", 4, 4, "q", 0.5);

  Answer answer(String text, String language, Citation... citations) {
    return new Answer(
        "q", text, language, true, List.of(citations), "extractive", Answer.Timings.NONE);
  }

  @Test
  void escapesEverythingAndLinksOnlyHttpUrls() {
    String html = r.answer(answer("a < b & c > d [1] [2]", "en", linked, plain));
    assertThat(html)
        .startsWith("a &lt; b &amp; c &gt; d [1] [2]\n\n<b>Sources</b>\n")
        .contains(
            "[1] <a href=\"https://x.org/?a=1&amp;b=2\">Tom &amp; &lt;Jerry&gt;</a> · <code>a&amp;b.txt</code>, lines 3-9")
        .contains("[2] (untitled) · <code>c.txt</code>, line 4")
        .doesNotContain("javascript");
  }

  @Test
  void withAPublicUrlEachSourceLinksToThePagesViewOfItsLines() {
    String html =
        new TelegramRenderer("https://citebot.example.org/qa")
            .answer(answer("x [1] [2]", "en", linked, plain));
    assertThat(html)
        .contains(
            "<code>a&amp;b.txt</code>, <a href=\"https://citebot.example.org/qa/?file=a%26b.txt&amp;from=3&amp;to=9\">lines 3-9</a>")
        .contains(
            "<code>c.txt</code>, <a href=\"https://citebot.example.org/qa/?file=c.txt&amp;from=4&amp;to=4\">line 4</a>");
    // Without one, no link.
    assertThat(r.answer(answer("x [1]", "en", linked))).contains("</code>, lines 3-9");
  }

  @Test
  void labelsSourcesInTheAnswersLanguage() {
    assertThat(r.answer(answer("x [1]", "vi", linked))).contains("<b>Nguồn</b>");
    assertThat(r.answer(answer("x [1]", "no", linked))).contains("<b>Kilder</b>");
    assertThat(r.answer(answer("Không có.", "vi"))).isEqualTo("Không có.");
  }

  @Test
  void buttonLabelsAreShortPlainText() {
    assertThat(r.buttonLabel(linked)).isEqualTo("[1] Tom & <Jerry>");
    Citation longTitle =
        new Citation(
            3,
            "f.txt",
            "Tổng Bí thư Tô Lâm và Tổng thống Aleksandr Lukashenko ký",
            "",
            1,
            1,
            "",
            0);
    assertThat(r.buttonLabel(longTitle))
        .hasSizeLessThanOrEqualTo(40)
        .endsWith("…")
        .startsWith("[3] Tổng");
    assertThat(r.buttonLabel(plain)).isEqualTo("[2] c.txt");
  }

  @Test
  void aPassageShowsTheCitedLinesWithTheQuoteInBold() {
    ArticleInfo a = new ArticleInfo("a&b.txt", "Tom & <Jerry>", "en", "", "", 1);
    Excerpt e = new Excerpt(a, 3, List.of("before x < y after", "", "next line"));
    String html = r.passage(linked, e);
    assertThat(html)
        .contains("<b>[1]</b>")
        .contains("<code>a&amp;b.txt</code>, lines 3-5")
        .contains("<blockquote>before <b>x &lt; y</b> after\n\nnext line</blockquote>");
  }

  @Test
  void aLongPassageIsCutAroundTheQuote() {
    String filler = "word ".repeat(2000);
    ArticleInfo a = new ArticleInfo("f.txt", "T", "en", "", "", 1);
    Citation c = new Citation(1, "f.txt", "T", "", 1, 1, "the needle", 1);
    String html = r.passage(c, new Excerpt(a, 1, List.of(filler + "the needle " + filler)));
    assertThat(html).contains("<b>the needle</b>").contains("… ").contains(" …");
    assertThat(html.length()).isLessThan(TelegramRenderer.PASSAGE_CHARS + 300);
  }

  @Test
  void helpSourcesAndExcerptsAreEscaped() {
    List<ArticleInfo> articles =
        List.of(
            new ArticleInfo("x<1>.txt", "A & B", "vi", "2025-10-09", "https://a.vn/x", 3),
            new ArticleInfo("y.txt", "C", "en", "", "", 2));
    assertThat(r.help(articles, "my_bot"))
        .contains("2 articles (en 1, vi 1)")
        .contains("/show x&lt;1&gt;.txt:1-5")
        .contains("@my_bot");
    assertThat(r.sources(articles, 1))
        .contains("<a href=\"https://a.vn/x\">A &amp; B</a>")
        .contains("<code>x&lt;1&gt;.txt</code> · vi · 2025-10-09")
        .contains("… and 1 more.");
    Excerpt e = new Excerpt(articles.get(1), 1, List.of("a < b", "line two", "line three"));
    assertThat(r.excerpt(e, 1000))
        .contains("<blockquote>a &lt; b\nline two\nline three</blockquote>");
    assertThat(r.excerpt(e, 12)).contains("(2 more lines; use /show y.txt:2-3)");
  }
}
