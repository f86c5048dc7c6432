package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.answer.Citation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CallbackDataTest {
  @Test
  void carriesTheLocationWhenItFitsIn64Bytes() {
    Citation c = new Citation(2, "000_7374b92905a51571.txt", "T", "", 3, 9, "q", 0.5);
    String data = CallbackData.of(c);
    assertThat(data).isEqualTo("c:2:3-9:000_7374b92905a51571.txt");
    assertThat(CallbackData.parse(data))
        .contains(new CallbackData(2, "000_7374b92905a51571.txt", 3, 9));
  }

  @Test
  void fallsBackToTheNumberForLongPaths() {
    Citation c =
        new Citation(
            12, "tin-tức/" + "bài-viết-rất-dài-".repeat(4) + ".txt", "T", "", 100, 120, "q", 0.5);
    String data = CallbackData.of(c);
    assertThat(data).isEqualTo("c:12");
    assertThat(data.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(64);
    assertThat(CallbackData.parse(data)).contains(new CallbackData(12, "", 0, 0));
    assertThat(CallbackData.parse(data).get().hasLocation()).isFalse();
  }

  @Test
  void rejectsAnythingElse() {
    assertThat(CallbackData.parse("x:1")).isEmpty();
    assertThat(CallbackData.parse(null)).isEmpty();
    assertThat(CallbackData.parse("c:99999")).isEmpty();
  }

  @Test
  void carriesTheStartOfTheFileHashWhenItFits() {
    Citation c = new Citation(2, "000_7374b92905a51571.txt", "T", "", 3, 9, "q", 0.5);
    String hash = "1a2b3c4d" + "0".repeat(56);
    String data = CallbackData.of(c, hash);
    assertThat(data).isEqualTo("c:2:3-9@1a2b3c4d:000_7374b92905a51571.txt");
    assertThat(CallbackData.parse(data))
        .contains(new CallbackData(2, "000_7374b92905a51571.txt", 3, 9, "1a2b3c4d"));
    Citation longer = new Citation(2, "x".repeat(45) + ".txt", "T", "", 3, 9, "q", 0.5);
    assertThat(CallbackData.of(longer, hash)).as("no room for the hash").doesNotContain("@");
  }
}
