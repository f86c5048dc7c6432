package dev.citebot.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactorTest {
  static final String TOKEN = "6104857203:AAHk3-xQ_Zp9vLr2TtY8uWc0dEfGhIjKlMn";
  final Redactor redactor = new Redactor(TOKEN, "", null);

  @Test
  void scrubsTheTokenAndItsUrlForm() {
    assertThat(redactor.scrub("POST https://api.telegram.org/bot" + TOKEN + "/sendMessage"))
        .isEqualTo("POST https://api.telegram.org/bot***/sendMessage");
    assertThat(redactor.scrub("bot6104857203%3AAAHk3-xQ_Zp9vLr2TtY8uWc0dEfGhIjKlMn/x"))
        .isEqualTo("bot***/x");
    assertThat(redactor.scrub(null)).isEmpty();
  }

  @Test
  void describesExceptionChainsWithoutTheToken() {
    Exception e =
        new IOException("failed " + TOKEN, new IllegalStateException("/bot" + TOKEN + "/getMe"));
    assertThat(redactor.describe(e))
        .isEqualTo("IOException: failed *** <- IllegalStateException: /bot***/getMe");
    assertThat(redactor.stackTrace(e)).doesNotContain(TOKEN).contains("IllegalStateException");
  }

  @Test
  void theStreamScrubsLinesWhateverWayTheyAreWritten() throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream out =
        new PrintStream(new RedactingOutputStream(sink, redactor), true, StandardCharsets.UTF_8);
    out.println("Tiếng Việt bot" + TOKEN + " ok");
    for (char c : ("char by char " + TOKEN + "\n").toCharArray()) {
      out.print(c);
      out.flush(); // a flush mid-token must not let a prefix out
    }
    out.print("no newline " + TOKEN.substring(0, 12));
    out.flush();
    out.print(TOKEN.substring(12) + " end");
    out.close();
    String written = sink.toString(StandardCharsets.UTF_8);
    assertThat(written).isEqualTo("Tiếng Việt bot*** ok\nchar by char ***\nno newline *** end");
  }
}
