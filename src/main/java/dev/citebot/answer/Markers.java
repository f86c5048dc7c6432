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
  private static int bracket(CharSequence text, int start, Set<Integer> numbers) {
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
    String inside = text.subSequence(start + 1, close).toString().strip();
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

  /**
   * After the last paragraph break in text[from, to), else {@code from}. The search stops at {@code
   * from} so that finding every group stays linear in the text's length (an unbounded {@code
   * lastIndexOf} went back to the start of the text for every marker).
   */
  private static int paragraphStart(String text, int from, int to) {
    for (int p = to - 2; p >= from; p--) {
      if (text.charAt(p) == '\n' && text.charAt(p + 1) == '\n') {
        return p + 2;
      }
    }
    return from;
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
    String out = render(text, groups, keep, renumbered);
    order.addAll(renumbered.keySet());
    return out;
  }

  /** {@link #render} continuing the numbering in {@code renumbered} (model number -> new). */
  private static String render(
      String text,
      List<Group> groups,
      BiPredicate<Group, Integer> keep,
      Map<Integer, Integer> renumbered) {
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
    return out.toString();
  }

  /** {@link #render} keeping the numbers of given passages, 1..{@code passages}. */
  static String renderInRange(String text, int passages) {
    return render(text, find(text), (g, n) -> n >= 1 && n <= passages, new ArrayList<>());
  }

  /**
   * The text as shown once checked: each group keeps the numbers {@code keep} accepts, renumbered
   * by first use; a claim whose group keeps none is removed with its marker (its sentence end after
   * the marker too, but not the punctuation ending the claim before it); text outside every claim
   * (paragraphs without a marker, words after the last marker) is removed when it holds a letter or
   * digit, so nothing uncited is shown. Whitespace between what is kept stays.
   *
   * @param order receives, in first-use order, the model's number behind each new number
   */
  static String renderClaims(
      String text, List<Group> groups, BiPredicate<Group, Integer> keep, List<Integer> order) {
    Map<Integer, Integer> renumbered = new LinkedHashMap<>();
    StringBuilder out = new StringBuilder();
    int at = 0;
    for (Group g : groups) {
      if (at < g.claimStart()) {
        appendUncited(out, text, at, g.claimStart());
        at = g.claimStart();
      }
      List<Integer> kept = new ArrayList<>();
      for (int n : g.numbers()) {
        if (keep.test(g, n)) {
          kept.add(renumbered.computeIfAbsent(n, k -> renumbered.size() + 1));
        }
      }
      if (kept.isEmpty()) {
        out.append(text, at, Math.min(g.start(), closersEnd(text, at)));
        at = Math.max(at, closersEnd(text, g.end()));
        continue;
      }
      out.append(text, Math.min(at, g.start()), g.start());
      for (int k : kept) {
        out.append('[').append(k).append(']');
      }
      at = g.end();
    }
    if (at < text.length()) {
      appendUncited(out, text, at, text.length());
    }
    order.addAll(renumbered.keySet());
    return out.toString();
  }

  /**
   * Text outside every claim: kept when it is only punctuation and space, else reduced to those.
   */
  private static void appendUncited(StringBuilder out, String text, int from, int to) {
    boolean words = false;
    for (int i = from; i < to && !words; i++) {
      words = Character.isLetterOrDigit(text.charAt(i));
    }
    if (!words) {
      out.append(text, from, to);
      return;
    }
    out.append(text, from, closersEnd(text, from)); // the end of the sentence before
    int space = to;
    while (space > from && Character.isWhitespace(text.charAt(space - 1))) {
      space--;
    }
    out.append(text, Math.max(space, closersEnd(text, from)), to); // the break before what follows
  }

  /** The end of the run of closing punctuation (". ", ";", ")", quotes) starting at {@code i}. */
  private static int closersEnd(String text, int i) {
    int j = i;
    while (j < text.length() && ".,;:!?…)]}\"'’”»。".indexOf(text.charAt(j)) >= 0) {
      j++;
    }
    return j;
  }

  /**
   * Rewrites the markers of text arriving in pieces: what it passes on is always a prefix of {@link
   * #renderInRange} of the whole text, and after {@link #finish} it is all of it. Text that may
   * still turn out to be part of a marker (an open "[", a trailing marker or space) is held back.
   * Each piece costs time in proportion to itself (the settled text is rewritten once, the
   * numbering carried over), so a long reply streams in linear time.
   */
  static final class Stream {
    private final int passages;
    private final Consumer<String> out;
    private final StringBuilder raw = new StringBuilder();
    private final Map<Integer, Integer> renumbered = new LinkedHashMap<>();
    private int done;

    Stream(int passages, Consumer<String> out) {
      this.passages = passages;
      this.out = out;
    }

    void accept(String piece) {
      if (piece == null || piece.isEmpty()) {
        return;
      }
      raw.append(piece);
      emit(settled(raw, done));
    }

    void finish() {
      emit(raw.length());
    }

    /**
     * Rewrites and passes on raw[done, end). No group reaches across {@code done}: the text before
     * it ended neither in a marker nor in space, and an open "[" was held back.
     */
    private void emit(int end) {
      if (end <= done) {
        return;
      }
      String chunk = raw.substring(done, end);
      String rendered = render(chunk, find(chunk), (g, n) -> n >= 1 && n <= passages, renumbered);
      done = end;
      if (!rendered.isEmpty()) {
        out.accept(rendered);
      }
    }

    /** Length of the prefix whose rewriting no later text can change (at least {@code from}). */
    static int settled(CharSequence text, int from) {
      int p = text.length();
      int open = -1;
      for (int j = p - 1; j > Math.max(from - 1, p - MAX_GROUP); j--) {
        if (text.charAt(j) == ']') {
          break;
        }
        if (text.charAt(j) == '[') {
          open = j;
          break;
        }
      }
      if (open >= 0) {
        boolean groupChars = true;
        for (int j = open + 1; j < p && groupChars; j++) {
          groupChars = isGroupChar(text.charAt(j));
        }
        if (groupChars) {
          p = open;
        }
      }
      while (true) {
        while (p > from && Character.isWhitespace(text.charAt(p - 1))) {
          p--;
        }
        if (p <= from || text.charAt(p - 1) != ']') {
          return Math.max(p, from);
        }
        int open2 = -1;
        for (int j = p - 2; j >= Math.max(from, p - MAX_GROUP); j--) {
          if (text.charAt(j) == '[') {
            open2 = j;
            break;
          }
        }
        if (open2 < 0 || bracket(text, open2, new LinkedHashSet<>()) != p) {
          return p;
        }
        p = open2;
      }
    }
  }
}
