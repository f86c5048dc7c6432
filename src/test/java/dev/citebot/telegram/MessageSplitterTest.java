package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.citebot.render.TelegramRenderer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MessageSplitterTest {
  final MessageSplitter splitter = new MessageSplitter();

  /** Every part is valid Telegram HTML within the limit, and together they keep all the text. */
  static void assertValidSplit(String html, List<String> parts, int limit) {
    assertThat(parts).isNotEmpty();
    StringBuilder text = new StringBuilder();
    for (String p : parts) {
      assertThat(p.length()).as("part length").isLessThanOrEqualTo(limit);
      String plain = TelegramHtml.plainText(p); // throws on broken HTML
      assertThat(plain).isNotBlank();
      text.append(plain).append(' ');
    }
    assertThat(squash(text.toString())).isEqualTo(squash(TelegramHtml.plainText(html)));
  }

  static String squash(String s) {
    return s.replaceAll("\\s+", "");
  }

  @Test
  void shortTextIsOneMessage() {
    assertThat(splitter.split("<b>Hi</b> there &amp; bye"))
        .containsExactly("<b>Hi</b> there &amp; bye");
  }

  @Test
  void emptyOrBlankTextGivesNoMessage() {
    assertThat(splitter.split("")).isEmpty();
    assertThat(splitter.split(" \n\n ")).isEmpty();
    assertThat(splitter.split("<b> </b>")).isEmpty();
  }

  @Test
  void prefersParagraphsThenLinesThenSentences() {
    String a = "First paragraph, sentence one. Sentence two.";
    String b = "Second paragraph, which is a little longer.";
    List<String> parts = new MessageSplitter(64).split(a + "\n\n" + b);
    assertThat(parts).containsExactly(a, b);

    String lines = "line one is here\nline two is here\nline three is here\nline four is here";
    List<String> byLine = new MessageSplitter(64).split(lines);
    assertThat(byLine)
        .allSatisfy(p -> assertThat(p).doesNotStartWith(" ").doesNotContain("e\nl" + "x"));
    assertThat(byLine.get(0)).endsWith("here");

    String sentences = "Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu nu.";
    List<String> bySentence = new MessageSplitter(64).split(sentences);
    assertThat(bySentence.get(0)).endsWith(".");
  }

  @Test
  void neverCutsInsideATagOrEntityAndReopensOpenTags() {
    String html =
        "<b>"
            + "bold &amp; brave words ".repeat(20)
            + "</b>\n<blockquote>"
            + "quoted &lt;text&gt; line\n".repeat(30)
            + "</blockquote>"
            + "<a href=\"https://example.org/?a=1&amp;b=2\">"
            + "link text ".repeat(15)
            + "</a>";
    for (int limit : new int[] {64, 100, 200, 4096}) {
      List<String> parts = new MessageSplitter(limit).split(html);
      assertValidSplit(html, parts, limit);
    }
    List<String> parts = new MessageSplitter(100).split(html);
    assertThat(parts.get(1)).startsWith("<b>");
  }

  @Test
  void textWithoutSpacesIsCutBetweenCharactersNotInsideSurrogatePairs() {
    String html = "😀".repeat(100) + "&amp;".repeat(50);
    List<String> parts = new MessageSplitter(64).split(html);
    assertValidSplit(html, parts, 64);
    for (String p : parts) {
      assertThat(Character.isLowSurrogate(p.charAt(0))).isFalse();
      assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1))).isFalse();
    }
  }

  @Test
  void aLongRenderedAnswerSplitsIntoValidMessages() {
    StringBuilder text = new StringBuilder();
    Random random = new Random(7);
    String[] words = {"Hà", "Nội", "<b>", "a&b", "x<y", "Tô", "Lâm", "\"quote\"", "ký", "kết"};
    for (int i = 0; i < 3000; i++) {
      text.append(words[random.nextInt(words.length)]);
      text.append(i % 17 == 0 ? ". " : i % 101 == 0 ? "\n\n" : " ");
    }
    String html = "<b>" + TelegramRenderer.escape(text.toString()) + "</b>\n<i>tail</i>";
    List<String> parts = splitter.split(html);
    assertThat(parts).hasSizeGreaterThan(1);
    assertValidSplit(html, parts, MessageSplitter.TELEGRAM_LIMIT);
  }

  @Test
  void randomHtmlAlwaysSplitsValidly() {
    Random random = new Random(42);
    String[] pieces = {
      "word ",
      "longerword ",
      ". ",
      "\n",
      "\n\n",
      "&amp;",
      "&lt;",
      "é",
      "😀",
      "ký ",
      "<b>",
      "<i>",
      "<code>",
      "<a href=\"https://x.org/a?b=1&amp;c=2\">"
    };
    for (int round = 0; round < 200; round++) {
      StringBuilder sb = new StringBuilder();
      java.util.ArrayDeque<String> open = new java.util.ArrayDeque<>();
      int n = 50 + random.nextInt(400);
      for (int i = 0; i < n; i++) {
        String p = pieces[random.nextInt(pieces.length)];
        if (p.startsWith("<")) {
          if (open.size() < 3) {
            String name = p.substring(1, p.indexOf(p.contains(" ") ? ' ' : '>'));
            sb.append(p);
            open.push(name);
          } else {
            sb.append("</").append(open.pop()).append('>');
          }
        } else {
          sb.append(p);
        }
      }
      while (!open.isEmpty()) {
        sb.append("</").append(open.pop()).append('>');
      }
      String html = sb.toString();
      if (TelegramHtml.plainText(html).isBlank()) {
        continue;
      }
      int limit = 64 + random.nextInt(300);
      assertValidSplit(html, new MessageSplitter(limit).split(html), limit);
    }
  }

  @Test
  void formattingTooLongToCarryIsDroppedNotOverflowed() {
    String href = "<a href=\"https://example.org/" + "x".repeat(80) + "\">";
    String html = "<b><i><code>" + href + "text ".repeat(40) + "</a></code></i></b>";
    assertValidSplit(html, new MessageSplitter(64).split(html), 64);
  }

  @Test
  void aTinyLimitIsRefused() {
    assertThatThrownBy(() -> new MessageSplitter(10)).isInstanceOf(IllegalArgumentException.class);
  }
}
