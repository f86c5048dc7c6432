package dev.citebot.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Telegram HTML the way the Bot API does, strictly: only the supported tags, properly
 * nested, and only the entities Telegram knows. Used by the fake server to refuse what real
 * Telegram would refuse ("Bad Request: can't parse entities").
 */
final class TelegramHtml {
  private static final Set<String> TAGS =
      Set.of(
          "b",
          "strong",
          "i",
          "em",
          "u",
          "ins",
          "s",
          "strike",
          "del",
          "a",
          "code",
          "pre",
          "blockquote",
          "tg-spoiler",
          "span",
          "tg-emoji");
  private static final Pattern ENTITY =
      Pattern.compile("&(lt|gt|amp|quot|#\\d{1,7}|#x[0-9a-fA-F]{1,6});");
  private static final Pattern TAG = Pattern.compile("<(/?)([a-z-]+)((?:\\s[^<>]*)?)>");

  private TelegramHtml() {}

  /** The text a user sees; throws IllegalArgumentException with Telegram's kind of reason. */
  static String plainText(String html) {
    StringBuilder out = new StringBuilder();
    Deque<String> open = new ArrayDeque<>();
    int i = 0;
    while (i < html.length()) {
      char c = html.charAt(i);
      if (c == '<') {
        Matcher m = TAG.matcher(html).region(i, html.length());
        if (!m.lookingAt()) {
          throw new IllegalArgumentException("Unsupported start tag at byte offset " + i);
        }
        String name = m.group(2);
        if (!TAGS.contains(name)) {
          throw new IllegalArgumentException("Unsupported start tag \"" + name + "\"");
        }
        if (m.group(1).isEmpty()) {
          if (name.equals("a") && !m.group(3).matches("\\s+href=\"[^\"]*\"")) {
            throw new IllegalArgumentException("Tag \"a\" needs an href");
          }
          open.push(name);
        } else {
          if (open.isEmpty() || !open.peek().equals(name)) {
            throw new IllegalArgumentException("Unmatched end tag \"" + name + "\"");
          }
          open.pop();
        }
        i = m.end();
      } else if (c == '&') {
        Matcher m = ENTITY.matcher(html).region(i, html.length());
        if (!m.lookingAt()) {
          throw new IllegalArgumentException("Unsupported entity at offset " + i);
        }
        String e = m.group(1);
        switch (e) {
          case "lt" -> out.append('<');
          case "gt" -> out.append('>');
          case "amp" -> out.append('&');
          case "quot" -> out.append('"');
          default ->
              out.appendCodePoint(
                  e.startsWith("#x")
                      ? Integer.parseInt(e.substring(2), 16)
                      : Integer.parseInt(e.substring(1)));
        }
        i = m.end();
      } else {
        out.append(c);
        i++;
      }
    }
    if (!open.isEmpty()) {
      throw new IllegalArgumentException(
          "Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
    }
    return out.toString();
  }
}
