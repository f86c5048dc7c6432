package dev.citebot.answer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.ingest.Sentence;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fitting one sentence to the answer limit: whole when it can be, else the clause of the fact. */
class QuoteFitterTest {
  private static final String BELARUS =
      "Kể từ khi thiết lập quan hệ ngoại giao năm 1992 đến nay, Việt Nam và Belarus đã xây dựng"
          + " và phát triển quan hệ hữu nghị truyền thống và hợp tác tốt đẹp trên cơ sở tin cậy,"
          + " bình đẳng và tôn trọng nhau, vì lợi ích của nhân dân hai nước, tạo nền tảng cho sự"
          + " tương tác trên nhiều lĩnh vực.";

  private static final Sentence SENTENCE =
      new Sentence(BELARUS, 100, 100 + BELARUS.length(), 15, 15);

  /** Question words of "Việt Nam và Belarus … năm nào?": the names weigh most. */
  private static double coverage(String clause) {
    double c = 0;
    for (String w : List.of("Việt Nam", "Belarus", "quan hệ", "ngoại giao")) {
      c += clause.contains(w) ? 1 : 0;
    }
    return c / 4;
  }

  private static double year(String clause) {
    return clause.matches("(?s).*\\b(1[0-9]{3}|20[0-9]{2})\\b.*") ? 1 : 0;
  }

  @Test
  void aSentenceSomewhatOverTheLimitIsQuotedWhole() {
    QuoteFitter.Fitted f = new QuoteFitter(200).fit(SENTENCE, c -> 0, c -> 1);
    assertThat(f.quote()).isEqualTo(SENTENCE);
    assertThat(f.display()).isEqualTo(BELARUS);
  }

  @Test
  void aCutKeepsTheClauseWithTheAskedForFactAndNeverEndsOnAComma() {
    QuoteFitter.Fitted f = new QuoteFitter(150).fit(SENTENCE, QuoteFitterTest::year, c -> 0);
    assertThat(f.quote().text())
        .isEqualTo("Kể từ khi thiết lập quan hệ ngoại giao năm 1992 đến nay");
    assertThat(BELARUS.substring(f.quote().start() - 100, f.quote().end() - 100))
        .isEqualTo(f.quote().text()); // verbatim, with its own offsets
    assertThat(f.display()).isEqualTo("Kể từ khi thiết lập quan hệ ngoại giao năm 1992 đến nay …");
    // Without a fact to look for, the question's words decide.
    QuoteFitter.Fitted words =
        new QuoteFitter(150).fit(SENTENCE, c -> 0, QuoteFitterTest::coverage);
    assertThat(words.quote().text()).startsWith("Việt Nam và Belarus").doesNotEndWith(",");
    assertThat(words.display()).startsWith("… Việt Nam và Belarus").endsWith(" …");
  }
}
