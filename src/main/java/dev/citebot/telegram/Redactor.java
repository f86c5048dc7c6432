package dev.citebot.telegram;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes secrets (the bot token, the webhook secret) from text before it is logged or shown. The
 * TelegramBots library puts the token in every URL ({@code /bot<token>/sendMessage}), so any
 * message that may quote a URL goes through {@link #scrub}.
 */
public final class Redactor {
  static final String MASK = "***";

  private final List<String> secrets;

  public Redactor(String... secrets) {
    Set<String> all = new LinkedHashSet<>();
    for (String s : secrets) {
      if (s != null && s.length() >= 4) {
        all.add(s);
        all.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
      }
    }
    this.secrets = List.copyOf(all);
  }

  List<String> secrets() {
    return secrets;
  }

  public String scrub(String text) {
    if (text == null) {
      return "";
    }
    String out = text;
    for (String s : secrets) {
      out = out.replace(s, MASK);
    }
    return out;
  }

  /** "Type: message" of {@code t} and its causes, on one line, scrubbed. */
  public String describe(Throwable t) {
    StringBuilder sb = new StringBuilder();
    Set<Throwable> seen = new java.util.HashSet<>();
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      sb.append(sb.isEmpty() ? "" : " <- ").append(c.getClass().getSimpleName());
      if (c.getMessage() != null) {
        sb.append(": ").append(c.getMessage());
      }
    }
    return scrub(sb.toString());
  }

  /** The full stack trace of {@code t}, scrubbed, for errors nobody expected. */
  public String stackTrace(Throwable t) {
    StringWriter w = new StringWriter();
    t.printStackTrace(new PrintWriter(w));
    return scrub(w.toString());
  }
}
