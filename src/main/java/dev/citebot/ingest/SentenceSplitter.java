package dev.citebot.ingest;

import com.ibm.icu.text.BreakIterator;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits cleaned blocks into sentences with ICU's sentence rules, keeping offsets into the original
 * text so every sentence can be cited by its lines.
 *
 * <p>The "@ss=standard" locale keyword turns on ICU's abbreviation suppressions, so "Mr. Smith" or
 * "U.S. officials" do not end a sentence (where ICU has data for the language; other languages fall
 * back to the plain rules).
 */
public final class SentenceSplitter {

  /** Longer "sentences" (lists without punctuation, tables) are cut so a passage stays readable. */
  static final int MAX_SENTENCE_CHARS = 1000;

  /**
   * The sentences of {@code blocks}, in order.
   *
   * @param text the decoded text the blocks and the returned offsets refer to
   * @param language ISO 639-1 code of the text ("und" uses the root rules with English
   *     suppressions)
   */
  public List<Sentence> split(
      String text, List<TextSpan> blocks, String language, LineIndex lines) {
    String lang =
        language == null || language.isEmpty() || language.equals("und") ? "en" : language;
    // A fresh iterator per call: BreakIterator is stateful, and readers may run in parallel.
    BreakIterator it = BreakIterator.getSentenceInstance(new ULocale(lang + "@ss=standard"));
    List<Sentence> out = new ArrayList<>();
    for (TextSpan block : blocks) {
      // Line breaks inside a block are hard-wrapped prose; ICU would end a sentence at each one.
      // Same-length replacement keeps the offsets.
      String chunk = block.of(text).replace('\n', ' ').replace('\r', ' ');
      it.setText(chunk);
      int blockFirst = out.size();
      int from = it.first();
      for (int to = it.next(); to != BreakIterator.DONE; from = to, to = it.next()) {
        int start = block.start() + from;
        int end = block.start() + to;
        if (out.size() > blockFirst && !Texts.hasLetterOrDigit(text.substring(start, end))) {
          // Punctuation ICU cut off on its own (the Vietnamese end mark "./.", a stray "…")
          // belongs to the sentence before it.
          Sentence prev = out.remove(out.size() - 1);
          addLimited(text, prev.start(), end, lines, out);
        } else {
          addLimited(text, start, end, lines, out);
        }
      }
    }
    return out;
  }

  private static void addLimited(
      String text, int start, int end, LineIndex lines, List<Sentence> out) {
    TextSpan s = Texts.trim(text, start, end);
    while (!s.isEmpty()) {
      if (s.end() - s.start() <= MAX_SENTENCE_CHARS) {
        out.add(sentence(text, s, lines));
        return;
      }
      int cut = cutPoint(text, s.start(), s.start() + MAX_SENTENCE_CHARS);
      out.add(sentence(text, Texts.trim(text, s.start(), cut), lines));
      s = Texts.trim(text, cut, s.end());
    }
  }

  /** After the last ';', else ',', else space before {@code limit}; the limit itself if none. */
  private static int cutPoint(String text, int start, int limit) {
    for (char sep : new char[] {';', ','}) {
      int i = text.lastIndexOf(sep, limit - 1);
      if (i > start + MAX_SENTENCE_CHARS / 4) {
        return i + 1;
      }
    }
    for (int i = limit - 1; i > start + MAX_SENTENCE_CHARS / 4; i--) {
      if (Texts.isSpace(text.charAt(i))) {
        return i;
      }
    }
    return limit;
  }

  private static Sentence sentence(String text, TextSpan s, LineIndex lines) {
    return new Sentence(
        s.of(text), s.start(), s.end(), lines.lineOf(s.start()), lines.lineOf(s.end() - 1));
  }
}
