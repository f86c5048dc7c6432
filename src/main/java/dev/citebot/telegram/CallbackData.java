package dev.citebot.telegram;

import dev.citebot.answer.Citation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source button carries (Telegram allows 64 bytes): the citation number, and when it fits,
 * the file and lines too, so the button still works after a restart emptied the cache: {@code
 * c:2:3-9:000_7374b92905a51571.txt} or just {@code c:2}.
 */
record CallbackData(int n, String file, int from, int to) {
  static final int MAX_BYTES = 64;
  private static final Pattern FORMAT =
      Pattern.compile("c:(\\d{1,4})(?::(\\d{1,9})-(\\d{1,9}):(.+))?", Pattern.DOTALL);

  static String of(Citation c) {
    String full = "c:" + c.n() + ":" + c.firstLine() + "-" + c.lastLine() + ":" + c.file();
    return full.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES ? full : "c:" + c.n();
  }

  static Optional<CallbackData> parse(String data) {
    Matcher m = FORMAT.matcher(data == null ? "" : data);
    if (!m.matches()) {
      return Optional.empty();
    }
    int n = Integer.parseInt(m.group(1));
    if (m.group(4) == null) {
      return Optional.of(new CallbackData(n, "", 0, 0));
    }
    return Optional.of(
        new CallbackData(
            n, m.group(4), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
  }

  boolean hasLocation() {
    return !file.isEmpty();
  }
}
