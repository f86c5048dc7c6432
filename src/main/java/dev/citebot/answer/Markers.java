package dev.citebot.answer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Consumer;

/**
 * The citation markers a model writes ("[2]", "[1, 3]", "[1][2]", "[2-4]") and their rewriting:
 * markers that do not pass a check are dropped (with the space before them) and the rest are
 * renumbered 1..k in order of first use. The same rewriting runs on a finished answer ({@link
 * #render}) and on one still being generated ({@link Stream}), so the console shows exactly the
 * text that is checked afterwards.
 */
final class Markers {
  /** Longest marker group accepted, brackets included. */
  static final int MAX_GROUP = 40;

  /** Widest range "[a-b]" expanded. */
  private static final int MAX_RANGE = 20;

  private Markers() {}

  /**
   * Adjacent markers taken together ("[1][3]", "[1] [3]").
   *
   * @param start offset of the first '['
   * @param end offset after the last ']'
   * @param numbers the passage numbers as the model wrote them, distinct, in order
   * @param claimStart where the text this group supports begins (after the previous group, or at
   *     the last paragraph break)
   */
  record Group(int start, int end, List<Integer> numbers, int claimStart) {}

  /** Every marker group of {@code text}, in order. */
  static List<Group> find(String text) {
    List<Group> groups = new ArrayList<>();
    int previousEnd = 0;
    int i = 0;
    while (i < text.length()) {
      int start = text.indexOf('[', i);
      if (start < 0) {
        break;
      }
      Set<Integer> numbers = new LinkedHashSet<>();
      int end = bracket(text, start, numbers);
      if (end < 0) {
        i = start + 1;
        continue;
      }
      // Directly following brackets, or ones after spaces on the same line, join the group.
      while (true) {
        int next = end;
        while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) {
          next++;
        }
        Set<Integer> more = new LinkedHashSet<>();
        int nextEnd = next < text.length() ? bracket(text, next, more) : -1;
        if (nextEnd < 0) {
          break;
        }
        numbers.addAll(more);
        end = nextEnd;
      }
      int claimStart = Math.max(previousEnd, paragraphStart(text, previousEnd, start));
      groups.add(new Group(start, end, List.copyOf(numbers), claimStart));
      previousEnd = end;
      i = end;
    }
    return groups;
  }

  /**
   * Parses one "[...]" at {@code start} into {@code numbers}.
   *
   * @return the offset after its ']', or -1 when it is not a marker
   */
  private static int bracket(String text, int start, Set<Integer> numbers) {
    if (text.charAt(start) != '[') {
      return -1;
    }
    int close = -1;
    for (int j = start + 1; j < text.length() && j - start < MAX_GROUP; j++) {
      char ch = text.charAt(j);
      if (ch == ']') {
        close = j;
        break;
      }
      if (!isGroupChar(ch)) {
        return -1;
      }
    }
    if (close < 0) {
      return -1;
    }
    String inside = text.substring(start + 1, close).strip();
    if (inside.isEmpty()) {
      return -1;
    }
    for (String part : inside.split("\\s*[,;]\\s*|\\s+")) {
      String[] range = part.split("[-–]", -1);
      try {
        if (range.length == 1) {
          numbers.add(Integer.parseInt(range[0]));
        } else if (range.length == 2) {
          int from = Integer.parseInt(range[0]);
          int to = Integer.parseInt(range[1]);
          if (to < from || to - from > MAX_RANGE) {
            return -1;
          }
          for (int n = from; n <= to; n++) {
            numbers.add(n);
          }
        } else {
          return -1;
        }
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return close + 1;
  }

  private static boolean isGroupChar(char ch) {
    return (ch >= '0' && ch <= '9')
        || ch == ' '
        || ch == ','
        || ch == ';'
        || ch == '-'
        || ch == '–';
  }

  private static int paragraphStart(String text, int from, int to) {
    int p = text.lastIndexOf("\n\n", to);
    return p >= from ? p + 2 : from;
  }

  /**
   * The text rewritten: each group keeps the numbers {@code keep} accepts, renumbered by first use,
   * written "[1][2]"; a group left empty disappears with the whitespace before it.
   *
   * @param order receives, in first-use order, the model's number behind each new number
   */
  static String render(
      String text, List<Group> groups, BiPredicate<Group, Integer> keep, List<Integer> order) {
    Map<Integer, Integer> renumbered = new LinkedHashMap<>();
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Group g : groups) {
      out.append(text, at, g.start());
      List<Integer> kept = new ArrayList<>();
      for (int n : g.numbers()) {
        if (keep.test(g, n)) {
          kept.add(renumbered.computeIfAbsent(n, k -> renumbered.size() + 1));
        }
      }
      if (kept.isEmpty()) {
        int cut = out.length();
        while (cut > 0 && Character.isWhitespace(out.charAt(cut - 1))) {
          cut--;
        }
        out.setLength(cut);
      }
      for (int k : kept) {
        out.append('[').append(k).append(']');
      }
      at = g.end();
    }
    out.append(text, at, text.length());
    order.addAll(renumbered.keySet());
    return out.toString();
  }

  /** {@link #render} keeping the numbers of given passages, 1..{@code passages}. */
  static String renderInRange(String text, int passages) {
    return render(text, find(text), (g, n) -> n >= 1 && n <= passages, new ArrayList<>());
  }

  /**
   * Rewrites the markers of text arriving in pieces: what it passes on is always a prefix of {@link
   * #renderInRange} of the whole text, and after {@link #finish} it is all of it. Text that may
   * still turn out to be part of a marker (an open "[", a trailing marker or space) is held back.
   */
  static final class Stream {
    private final int passages;
    private final Consumer<String> out;
    private final StringBuilder raw = new StringBuilder();
    private int emitted;

    Stream(int passages, Consumer<String> out) {
      this.passages = passages;
      this.out = out;
    }

    void accept(String piece) {
      if (piece == null || piece.isEmpty()) {
        return;
      }
      raw.append(piece);
      String text = raw.toString();
      emit(renderInRange(text.substring(0, settled(text)), passages));
    }

    void finish() {
      emit(renderInRange(raw.toString(), passages));
    }

    private void emit(String rendered) {
      if (rendered.length() > emitted) {
        out.accept(rendered.substring(emitted));
        emitted = rendered.length();
      }
    }

    /** Length of the prefix whose rewriting no later text can change. */
    static int settled(String text) {
      int p = text.length();
      int open = text.lastIndexOf('[');
      if (open >= 0 && p - open < MAX_GROUP && text.indexOf(']', open) < 0) {
        boolean groupChars = true;
        for (int j = open + 1; j < p && groupChars; j++) {
          groupChars = isGroupChar(text.charAt(j));
        }
        if (groupChars) {
          p = open;
        }
      }
      while (true) {
        while (p > 0 && Character.isWhitespace(text.charAt(p - 1))) {
          p--;
        }
        if (p == 0 || text.charAt(p - 1) != ']') {
          return p;
        }
        int open2 = text.lastIndexOf('[', p - 1);
        if (open2 < 0
            || p - open2 > MAX_GROUP
            || bracket(text, open2, new LinkedHashSet<>()) != p) {
          return p;
        }
        p = open2;
      }
    }
  }
}
