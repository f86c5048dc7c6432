package dev.citebot.telegram;

import dev.citebot.answer.Citation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a source button carries (Telegram allows 64 bytes): the citation number, and when it fits,
 * the file and lines too, so the button still works after a restart emptied the cache, and the
 * start of the cited file's SHA-256, so it can tell the file changed since: {@code
 * c:2:3-9@1a2b3c4d:000_7374b92905a51571.txt}, {@code c:2:3-9:000_7374b92905a51571.txt} or just
 * {@code c:2}.
 *
 * @param version the first {@link #VERSION_CHARS} hex digits of the file's hash when cited, or ""
 */
record CallbackData(int n, String file, int from, int to, String version) {
  static final int MAX_BYTES = 64;
  static final int VERSION_CHARS = 8;
  private static final Pattern FORMAT =
      Pattern.compile(
          "c:(\\d{1,4})(?::(\\d{1,9})-(\\d{1,9})(?:@([0-9a-f]{8}))?:(.+))?", Pattern.DOTALL);

  CallbackData(int n, String file, int from, int to) {
    this(n, file, from, to, "");
  }

  static String of(Citation c) {
    return of(c, null);
  }

  /**
   * @param version the SHA-256 (hex) of the cited file as the answer quoted it, or null
   */
  static String of(Citation c, String version) {
    String lines = "c:" + c.n() + ":" + c.firstLine() + "-" + c.lastLine();
    if (version != null && version.length() >= VERSION_CHARS) {
      String full = lines + "@" + version.substring(0, VERSION_CHARS) + ":" + c.file();
      if (fits(full)) {
        return full;
      }
    }
    String full = lines + ":" + c.file();
    return fits(full) ? full : "c:" + c.n();
  }

  private static boolean fits(String data) {
    return data.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
  }

  static Optional<CallbackData> parse(String data) {
    Matcher m = FORMAT.matcher(data == null ? "" : data);
    if (!m.matches()) {
      return Optional.empty();
    }
    int n = Integer.parseInt(m.group(1));
    if (m.group(5) == null) {
      return Optional.of(new CallbackData(n, "", 0, 0));
    }
    return Optional.of(
        new CallbackData(
            n,
            m.group(5),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            m.group(4) == null ? "" : m.group(4)));
  }

  boolean hasLocation() {
    return !file.isEmpty();
  }
}
