package dev.citebot.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Telegram HTML into messages of at most {@code limit} characters (Telegram's limit is 4096
 * UTF-16 units of text; the raw HTML is measured, which is never shorter).
 *
 * <p>Cuts prefer a paragraph break, then a line break, then a sentence end, then a space, and fall
 * back to a cut between characters only in text without any of those. A cut never falls inside a
 * tag, an entity ({@code &amp;}) or a surrogate pair. Every message is valid HTML on its own: tags
 * open at a cut are closed at the end of one message and opened again at the start of the next
 * (unless they would take more than half a message: then that formatting is dropped, the text
 * kept). The input must be well-formed, as the renderer's is.
 */
public final class MessageSplitter {
  /** Telegram's longest message text. */
  public static final int TELEGRAM_LIMIT = 4096;

  private static final int PARAGRAPH = 4;
  private static final int LINE = 3;
  private static final int SENTENCE = 2;
  private static final int SPACE = 1;

  private final int limit;

  public MessageSplitter() {
    this(TELEGRAM_LIMIT);
  }

  public MessageSplitter(int limit) {
    if (limit < 64) {
      throw new IllegalArgumentException("limit must be at least 64");
    }
    this.limit = limit;
  }

  /** The messages, in order; none is empty or blank. */
  public List<String> split(String html) {
    List<Token> tokens = tokenize(html);
    List<String> chunks = new ArrayList<>();
    List<Open> carried = List.of();
    int i = 0;
    while (i < tokens.size()) {
      while (i < tokens.size() && tokens.get(i).isSpace()) {
        i++;
      }
      if (i >= tokens.size()) {
        break;
      }
      // Reopen the tags open at the cut, outermost first, within half a message; the rest of the
      // formatting is dropped until those tags end.
      List<Open> stack = new ArrayList<>();
      StringBuilder buf = new StringBuilder();
      int reopened = 0;
      for (Open o : carried) {
        boolean fits =
            o.shown()
                && reopened + o.tag().raw().length() + 2 * (o.tag().name().length() + 3)
                    <= limit / 2;
        stack.add(new Open(o.tag(), fits));
        if (fits) {
          buf.append(o.tag().raw());
          reopened += o.tag().raw().length() + o.tag().name().length() + 3;
        }
      }
      int closing = closingLength(stack);
      Cut[] best = new Cut[PARAGRAPH + 1];
      int j = i;
      while (j < tokens.size()) {
        Token t = tokens.get(j);
        if (t.kind() == Kind.CLOSE) {
          Open top = stack.isEmpty() ? null : stack.get(stack.size() - 1);
          if (top == null || !top.tag().name().equals(t.name()) || !top.shown()) {
            if (top != null && top.tag().name().equals(t.name())) {
              stack.remove(stack.size() - 1); // the end of formatting that was dropped
            }
            j++;
            continue;
          }
        }
        int cost =
            switch (t.kind()) {
              case OPEN -> t.raw().length() + t.name().length() + 3;
              case CLOSE -> 0; // its length was already counted in closing
              default -> t.raw().length();
            };
        if (buf.length() + closing + cost > limit) {
          if (j > i) {
            break;
          }
          if (t.kind() == Kind.OPEN) { // too long for any message: keep the text, not the tag
            stack.add(new Open(t, false));
            i = ++j;
            continue;
          }
        }
        buf.append(t.raw());
        if (t.kind() == Kind.OPEN) {
          stack.add(new Open(t, true));
        } else if (t.kind() == Kind.CLOSE) {
          stack.remove(stack.size() - 1);
        }
        closing = closingLength(stack);
        j++;
        int priority = priority(tokens, j - 1);
        if (priority > 0) {
          best[priority] = new Cut(j, buf.length(), List.copyOf(stack));
        }
      }
      if (j >= tokens.size()) {
        emit(chunks, buf + closingTags(stack));
        break;
      }
      Cut cut = choose(best);
      if (cut == null) {
        cut = new Cut(j, buf.length(), List.copyOf(stack));
      }
      emit(chunks, buf.substring(0, cut.length()) + closingTags(cut.open()));
      i = cut.next();
      carried = cut.open();
    }
    return chunks;
  }

  /** The best cut: the strongest kind that still fills half a message, else the latest one. */
  private Cut choose(Cut[] best) {
    for (int p = PARAGRAPH; p >= SPACE; p--) {
      if (best[p] != null && best[p].length() >= limit / 2) {
        return best[p];
      }
    }
    Cut latest = null;
    for (int p = PARAGRAPH; p >= SPACE; p--) {
      if (best[p] != null && (latest == null || best[p].length() > latest.length())) {
        latest = best[p];
      }
    }
    return latest;
  }

  private static void emit(List<String> chunks, String chunk) {
    if (!visibleText(chunk).isBlank()) {
      chunks.add(chunk.strip());
    }
  }

  private static String visibleText(String html) {
    StringBuilder sb = new StringBuilder();
    for (Token t : tokenize(html)) {
      if (t.kind() == Kind.TEXT || t.kind() == Kind.ENTITY) {
        sb.append(t.raw());
      }
    }
    return sb.toString();
  }

  /** How good a cut right after token {@code k} is; 0 = no cut there. */
  private static int priority(List<Token> tokens, int k) {
    Token t = tokens.get(k);
    if (t.kind() != Kind.TEXT) {
      return 0;
    }
    String s = t.raw();
    if (s.equals("\n")) {
      Token before = k > 0 ? tokens.get(k - 1) : null;
      return before != null && before.raw().equals("\n") ? PARAGRAPH : LINE;
    }
    if (s.equals("。") || s.equals("！") || s.equals("？")) {
      return SENTENCE;
    }
    if (!s.isBlank()) {
      return 0;
    }
    for (int b = k - 1; b >= 0 && b >= k - 4; b--) {
      Token before = tokens.get(b);
      if (before.kind() == Kind.TEXT) {
        return ".!?…".contains(before.raw()) ? SENTENCE : SPACE;
      }
    }
    return SPACE;
  }

  /** Characters the end tags of the shown open tags take. */
  private static int closingLength(List<Open> stack) {
    int n = 0;
    for (Open o : stack) {
      n += o.shown() ? o.tag().name().length() + 3 : 0;
    }
    return n;
  }

  private static String closingTags(List<Open> stack) {
    StringBuilder sb = new StringBuilder();
    for (int k = stack.size() - 1; k >= 0; k--) {
      if (stack.get(k).shown()) {
        sb.append("</").append(stack.get(k).tag().name()).append('>');
      }
    }
    return sb.toString();
  }

  private enum Kind {
    TEXT,
    ENTITY,
    OPEN,
    CLOSE
  }

  /** A character (one code point), an entity, or a tag, with the tag's name. */
  private record Token(String raw, Kind kind, String name) {
    boolean isSpace() {
      return kind == Kind.TEXT && raw.isBlank();
    }
  }

  /** A tag open at this point of the input; not shown when its formatting was dropped. */
  private record Open(Token tag, boolean shown) {}

  /** Cutting after token {@code next - 1}: the message is buf[0, length), these tags open. */
  private record Cut(int next, int length, List<Open> open) {}

  private static List<Token> tokenize(String s) {
    List<Token> tokens = new ArrayList<>(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '<') {
        int end = s.indexOf('>', i);
        if (end > i) {
          String raw = s.substring(i, end + 1);
          boolean close = raw.startsWith("</");
          int from = close ? 2 : 1;
          int to = from;
          while (to < raw.length() - 1
              && (Character.isLetterOrDigit(raw.charAt(to)) || raw.charAt(to) == '-')) {
            to++;
          }
          tokens.add(new Token(raw, close ? Kind.CLOSE : Kind.OPEN, raw.substring(from, to)));
          i = end + 1;
          continue;
        }
      } else if (c == '&') {
        int semi = s.indexOf(';', i);
        if (semi > i + 1 && semi - i <= 10) {
          tokens.add(new Token(s.substring(i, semi + 1), Kind.ENTITY, ""));
          i = semi + 1;
          continue;
        }
      }
      int n = Character.charCount(s.codePointAt(i));
      tokens.add(new Token(s.substring(i, i + n), Kind.TEXT, ""));
      i += n;
    }
    return tokens;
  }
}
