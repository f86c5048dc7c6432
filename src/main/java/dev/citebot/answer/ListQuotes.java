package dev.citebot.answer;

import dev.citebot.index.IndexedPassage;
import dev.citebot.index.PassageIndex;
import dev.citebot.ingest.Sentence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Finds the list a quoted sentence opens or belongs to: a sentence ending with ':' ("… gồm:") or
 * ';' and the items that follow it, or lines marked as items ("- …", "• …", "1. …"). A list may run
 * over several passages, so the article's neighbouring passages are read too.
 */
final class ListQuotes {
  /** The marker of a list item: "- ", "• ", "1. ", "2) ". */
  static final Pattern ITEM_MARK = Pattern.compile("^(?:[-•*+–·▪●]|\\d{1,2}[.)])\\s+");

  /** Passages read after the quoted one: a list of a few screens fits in them. */
  private static final int PASSAGES_AFTER = 3;

  private final PassageIndex index;

  ListQuotes(PassageIndex index) {
    this.index = index;
  }

  /**
   * The sentences to quote for {@code s}: the whole list when {@code s} opens one, or when it is an
   * item and {@code wantsAll}; an item with the sentence that introduces it right before; else
   * {@code s} alone. The list stops before it would pass {@code maxChars}.
   *
   * @return the sentences in file order, and whether the list goes on after the last one
   */
  Quoted quote(IndexedPassage from, Sentence s, boolean wantsAll, int maxChars) {
    List<Sentence> own = from.passage().sentences();
    int j = indexOf(own, s);
    boolean maybeList =
        j <= 0 // what comes before is in the previous passage
            || endsList(s.text())
            || ITEM_MARK.matcher(s.text()).find()
            || continues(own.get(j - 1), s)
            || (wantsAll && (j + 1 == own.size() || endsList(own.get(j + 1).text())));
    if (!maybeList) {
      return new Quoted(List.of(s), false); // most sentences: no need to read the neighbours
    }
    List<Sentence> w = around(from);
    int i = indexOf(w, s);
    if (i < 0) {
      return new Quoted(List.of(s), false);
    }
    boolean inList = i > 0 && continues(w.get(i - 1), w.get(i));
    boolean opens = !inList && endsList(w.get(i).text());
    if (wantsAll && !inList && !opens && i + 1 < w.size() && endsList(w.get(i + 1).text())) {
      // The sentence that answers is followed by the list of what was asked for ("The signing
      // took place in Pyongyang." then "The documents are: …"): the list follows it.
      Quoted list = quote(from, w.get(i + 1), false, maxChars);
      List<Sentence> out = new ArrayList<>(List.of(s));
      out.addAll(list.sentences());
      return new Quoted(out, list.goesOn());
    }
    if (!opens && !(inList && wantsAll)) {
      // An item reads better after the sentence that introduces the list.
      return inList && w.get(i - 1).text().endsWith(":")
          ? new Quoted(List.of(w.get(i - 1), s), false)
          : new Quoted(List.of(s), false);
    }
    int first = i;
    while (!opens && first > 0 && continues(w.get(first - 1), w.get(first))) {
      first--;
      if (w.get(first).text().endsWith(":")) {
        break; // the introduction
      }
    }
    List<Sentence> out = new ArrayList<>(List.of(w.get(first)));
    int length = w.get(first).text().length();
    int last = first;
    while (last + 1 < w.size() && continues(w.get(last), w.get(last + 1))) {
      Sentence next = w.get(last + 1);
      if (length + 1 + next.text().length() > maxChars && out.size() > 1) {
        return new Quoted(out, true);
      }
      length += 1 + next.text().length();
      out.add(next);
      last++;
    }
    return new Quoted(out, false);
  }

  /**
   * Sentences to quote together.
   *
   * @param goesOn the list continues after the last sentence (the answer says so with "…")
   */
  record Quoted(List<Sentence> sentences, boolean goesOn) {}

  /** Whether {@code next} is the next entry of a list that {@code prev} opens or is an item of. */
  static boolean continues(Sentence prev, Sentence next) {
    return endsList(prev.text())
        || (ITEM_MARK.matcher(next.text()).find() && ITEM_MARK.matcher(prev.text()).find());
  }

  static boolean endsList(String text) {
    return text.endsWith(":") || text.endsWith(";");
  }

  /** The sentences of {@code p}, the passage before it and a few after it, in file order. */
  private List<Sentence> around(IndexedPassage p) {
    String file = p.passage().file();
    int ordinal = p.passage().ordinal();
    List<String> ids = new ArrayList<>();
    for (int o = Math.max(0, ordinal - 1); o <= ordinal + PASSAGES_AFTER; o++) {
      if (o != ordinal) {
        ids.add(IndexedPassage.id(file, o));
      }
    }
    Map<Integer, Sentence> byStart = new TreeMap<>();
    for (Sentence s : p.passage().sentences()) {
      byStart.put(s.start(), s);
    }
    for (IndexedPassage n : index.fetch(ids)) {
      if (n.passage().file().equals(file)) {
        for (Sentence s : n.passage().sentences()) {
          byStart.putIfAbsent(s.start(), s);
        }
      }
    }
    return new ArrayList<>(byStart.values());
  }

  private static int indexOf(List<Sentence> sentences, Sentence s) {
    for (int i = 0; i < sentences.size(); i++) {
      if (sentences.get(i).start() == s.start()) {
        return i;
      }
    }
    return -1;
  }
}
