package dev.citebot.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Separates the article text of a copied web page from the page furniture around it.
 *
 * <p>Works on paragraphs ("units"): a raw line, or several raw lines when a sentence is
 * hard-wrapped onto the next line. Every unit gets a {@link Verdict}; only {@link Verdict#CONTENT}
 * units become citable text. The rules are shape rules that hold for news dumps in any language
 * (image file names, credits, contact data, all-caps names, short lines without sentence
 * punctuation, lists of headlines, repeated leads), never the text of one particular site. Long
 * paragraphs are trusted: no rule removes prose of 25 words or more unless it is a caption or has a
 * link/contact shape that only boilerplate has.
 */
public final class BoilerplateCleaner {

  /** Why a unit was kept or removed (kept for tests and for explaining a cleaning decision). */
  public enum Verdict {
    CONTENT,
    /** The article headline: metadata, not a citable sentence. */
    HEADLINE,
    SEPARATOR,
    IMAGE,
    LINK,
    CONTACT,
    CAPTION,
    AGENCY_TAG,
    ALL_CAPS,
    LABEL,
    SITE_NAME,
    SHORT,
    HEADLINE_LIST,
    DUPLICATE
  }

  /**
   * One paragraph of the input and its verdict.
   *
   * @param span the trimmed range in the text (may cover several raw lines)
   * @param text the paragraph with whitespace collapsed
   * @param words number of space-separated words in {@code text}
   */
  public record Unit(TextSpan span, String text, int words, Verdict verdict) {
    Unit with(Verdict v) {
      return new Unit(span, text, words, v);
    }

    boolean isContent() {
      return verdict == Verdict.CONTENT;
    }
  }

  /**
   * The result of cleaning.
   *
   * @param headline the headline unit when the page starts with one
   * @param content the citable blocks in text order, trimmed, never crossing a paragraph break
   * @param units every paragraph with its verdict, in text order
   */
  public record Cleaned(Optional<Unit> headline, List<TextSpan> content, List<Unit> units) {}

  /** Prose at least this long is never taken for a headline, label or menu entry. */
  private static final int PROSE_WORDS = 25;

  /** Lines shorter than this without sentence punctuation are menus, bylines, widget labels. */
  private static final int SHORT_WORDS = 5;

  private static final Pattern IMAGE_FILE =
      Pattern.compile(
          "(?i)[\\p{L}\\p{N}_.-]+\\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)(?![\\p{L}\\p{N}])");
  private static final Pattern URL = Pattern.compile("(?i)(?:https?://|www\\.)\\S+");
  private static final Pattern EMAIL =
      Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
  private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{9,}");

  /** Phone numbers: groups of digits joined by single separators, 9 digits or more in all. */
  private static final Pattern PHONE =
      Pattern.compile("(?<![\\d/.-])\\+?\\(?\\d{2,4}\\)?(?:[ .-]\\(?\\d{2,4}\\)?){2,5}(?![\\d/])");

  /** A photo credit at the end: "(Foto: NTB)", "... Ảnh: TTXVN", "Photo: Reuters". */
  private static final Pattern CAPTION_CREDIT =
      Pattern.compile(
          "(?iu)(?:^|[\\s.!?(\\[])(?:ảnh|foto|photo|photos|bilde|image|hình|hình ảnh|nguồn ảnh"
              + "|credit|illustrasjon|kilde foto)\\s*:\\s*[^.!?:]{1,60}[)\\]]?$");

  /** Alt text of an inline image: a headline followed by "ảnh 1", "photo 2", "bilde 3". */
  private static final Pattern CAPTION_NUMBERED =
      Pattern.compile("(?iu)\\s(?:ảnh|hình|photo|foto|bilde|image|picture)\\s+\\d{1,2}$");

  /** "Label: value" as in footers and info boxes; the label has at most four words. */
  private static final Pattern LABEL =
      Pattern.compile("^[\\p{L}\\p{N}][\\p{L}\\p{N}&./ -]{0,40}?\\s*:\\s*\\S");

  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)[\\p{L}\\p{N}-]+\\.(?:com|net|org|info|news|vn|no|se|dk|de|fr|uk|us|eu|io|co|tv"
              + "|gov|edu|asia|biz)(?![\\p{L}\\p{N}])");

  private static final Pattern BULLET = Pattern.compile("^[-•*–·▪●]\\s+");

  /** A machine date in front of the first paragraph ("date 2025-10-08 ..."): metadata. */
  private static final Pattern LEADING_DATE =
      Pattern.compile(
          "(?iu)^(?:date|dato|ngày|published|publisert|updated|oppdatert)?\\s*:?\\s*"
              + "\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?)?\\s+");

  /**
   * A news dateline opening a paragraph: a place in capitals and a dash ("HÀ NỘI — ", "OSLO – ").
   * It says where the story was filed, not what happened, so it is metadata too.
   */
  private static final Pattern DATELINE =
      Pattern.compile(
          "^\\p{Lu}[\\p{Lu}\\p{M}.'’-]*(?:\\s+\\p{Lu}[\\p{Lu}\\p{M}.'’-]*){0,3}\\s*[—–]\\s+");

  /**
   * A byline opening the first paragraph: a newspaper's abbreviation or a place in capitals, maybe
   * in brackets, and a hyphen between spaces ("TPO - ", "(VOV) - ", "HÀ NỘI - "). Only in the first
   * paragraph, where bylines sit: further down "ASEAN - China trade" is prose.
   */
  private static final Pattern BYLINE =
      Pattern.compile(
          "^\\(?\\p{Lu}[\\p{Lu}\\p{M}.'’]*(?:\\s+\\p{Lu}[\\p{Lu}\\p{M}.'’]*){0,3}\\)?\\s+-\\s+");

  /** An agency signature after the last sentence: "... world. — VNA/VNS". */
  private static final Pattern TRAILING_AGENCY =
      Pattern.compile("(?<=[.!?”\"])\\s+[—–-]{1,2}\\s*\\p{Lu}[\\p{Lu}/+&. ]{1,24}$");

  /**
   * Cleans a text given as raw lines (or HTML blocks). Blank or empty spans separate paragraphs.
   */
  public Cleaned clean(String text, List<TextSpan> lines) {
    List<Unit> units = classifyEach(text, joinWrappedLines(text, lines));
    int headline = markHeadline(units);
    markHeadlineLists(units);
    markDuplicates(units);
    List<TextSpan> content = new ArrayList<>();
    for (Unit u : units) {
      if (u.isContent()) {
        TextSpan trimmed = trimMetadata(text, u.span(), content.isEmpty());
        if (!trimmed.isEmpty()) {
          content.add(trimmed);
        }
      }
    }
    return new Cleaned(
        headline < 0 ? Optional.empty() : Optional.of(units.get(headline)), content, units);
  }

  /**
   * Groups raw lines into paragraphs. A line is continued by the next one only when it does not end
   * a sentence and the next starts in lower case: hard-wrapped prose. Lines of a menu or a headline
   * list start with capitals and stay separate, so each can be judged alone.
   */
  private static List<Unit> joinWrappedLines(String text, List<TextSpan> lines) {
    List<Unit> units = new ArrayList<>();
    TextSpan current = null;
    String currentText = null;
    for (TextSpan line : lines) {
      TextSpan trimmed = Texts.trim(text, line.start(), line.end());
      if (trimmed.isEmpty()) {
        if (current != null) {
          units.add(unit(current, currentText));
          current = null;
        }
        continue;
      }
      String lineText = Texts.normalize(trimmed.of(text));
      if (current != null
          && !Texts.endsSentence(currentText)
          && currentText.length() >= 30
          && Texts.startsLowercase(lineText)
          && lineText.indexOf(' ') > 0
          && !IMAGE_FILE.matcher(lineText).find()) {
        current = new TextSpan(current.start(), trimmed.end());
        currentText = currentText + " " + lineText;
        continue;
      }
      if (current != null) {
        units.add(unit(current, currentText));
      }
      current = trimmed;
      currentText = lineText;
    }
    if (current != null) {
      units.add(unit(current, currentText));
    }
    return units;
  }

  private static Unit unit(TextSpan span, String normalized) {
    return new Unit(span, normalized, Texts.wordCount(normalized), Verdict.CONTENT);
  }

  private static List<Unit> classifyEach(String text, List<Unit> units) {
    List<Unit> out = new ArrayList<>(units.size());
    for (Unit u : units) {
      out.add(u.with(classify(u.text(), u.words())));
    }
    return out;
  }

  /** The rules that judge one paragraph on its own. First match wins. */
  static Verdict classify(String t, int words) {
    boolean sentence = Texts.endsSentence(t);
    if (!Texts.hasLetterOrDigit(t)) {
      return Verdict.SEPARATOR; // "-----", "* * *", "|"
    }
    if (IMAGE_FILE.matcher(t).find() && (words <= 3 || !sentence)) {
      return Verdict.IMAGE; // an image file name left behind by copy and paste
    }
    if (URL.matcher(t).find() && words <= 8) {
      return Verdict.LINK; // a bare URL or "Source: https://..."
    }
    if (EMAIL.matcher(t).find() && (words <= 12 || !sentence)) {
      return Verdict.CONTACT;
    }
    if (words < PROSE_WORDS && (LONG_DIGIT_RUN.matcher(t).find() || hasPhoneNumber(t))) {
      return Verdict.CONTACT; // phone numbers, registration and tax numbers
    }
    if (CAPTION_CREDIT.matcher(t).find() || CAPTION_NUMBERED.matcher(t).find()) {
      return Verdict.CAPTION;
    }
    if (t.startsWith("(") && t.endsWith(")") && words <= 6) {
      return Verdict.AGENCY_TAG; // "(AFP)", "(NTB/Reuters)"
    }
    if (words < PROSE_WORDS && isAllCaps(t)) {
      return Verdict.ALL_CAPS; // company names and section names in footers
    }
    if (!sentence && words < PROSE_WORDS && isLabel(t)) {
      return Verdict.LABEL; // "Address: ...", "Phone: ..."
    }
    if (!sentence && words <= 12 && DOMAIN.matcher(t).find()) {
      return Verdict.SITE_NAME; // "example.com - the news of the day"
    }
    if (!sentence && words < SHORT_WORDS) {
      return Verdict.SHORT; // menu entries, bylines, widget labels, glued datelines
    }
    return Verdict.CONTENT;
  }

  private static boolean hasPhoneNumber(String t) {
    Matcher m = PHONE.matcher(t);
    while (m.find()) {
      int digits = 0;
      for (int i = m.start(); i < m.end(); i++) {
        if (Character.isDigit(t.charAt(i))) {
          digits++;
        }
      }
      if (digits >= 9) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAllCaps(String t) {
    int letters = 0;
    int upper = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          upper++;
        }
      }
    }
    return letters >= 4 && upper * 10 >= letters * 9;
  }

  private static boolean isLabel(String t) {
    Matcher m = LABEL.matcher(t);
    if (!m.lookingAt()) {
      return false;
    }
    String label = t.substring(0, t.indexOf(':')).trim();
    return Texts.wordCount(Texts.normalize(label)) <= 4;
  }

  private static boolean isHeadlineShaped(Unit u) {
    return !Texts.endsSentence(u.text()) && u.words() < PROSE_WORDS;
  }

  /**
   * Finds the headline: in the page head (before the first paragraph that ends like a sentence),
   * the first line without sentence punctuation of five words or more, else the first such line of
   * any length. Navigation lines ahead of it are short and lose to it; a page that opens with prose
   * has no headline. Returns its index or -1.
   */
  private static int markHeadline(List<Unit> units) {
    int firstShort = -1;
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      boolean candidate =
          (u.verdict() == Verdict.CONTENT || u.verdict() == Verdict.SHORT) && isHeadlineShaped(u);
      if (u.verdict() == Verdict.CONTENT && !candidate) {
        break; // the first prose paragraph: the head of the page is over
      }
      if (candidate && u.words() >= SHORT_WORDS) {
        units.set(i, u.with(Verdict.HEADLINE));
        return i;
      }
      if (candidate && firstShort < 0) {
        firstShort = i;
      }
    }
    if (firstShort >= 0) {
      units.set(firstShort, units.get(firstShort).with(Verdict.HEADLINE));
    }
    return firstShort;
  }

  /**
   * Removes headline-shaped lines (no sentence punctuation, shorter than prose) that come in runs
   * of two or more ("related articles", "most read"), or that stand alone between boilerplate. A
   * sub-heading inside an article is neighboured by prose and stays. Long bullet items are list
   * content, not headlines.
   */
  private static void markHeadlineLists(List<Unit> units) {
    boolean[] candidate = new boolean[units.size()];
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      candidate[i] =
          u.isContent()
              && isHeadlineShaped(u)
              && !(BULLET.matcher(u.text()).find() && u.words() >= 8);
    }
    boolean[] remove = new boolean[units.size()];
    for (int i = 0; i < units.size(); i++) {
      if (!candidate[i]) {
        continue;
      }
      boolean prevCandidate = i > 0 && candidate[i - 1];
      boolean nextCandidate = i + 1 < units.size() && candidate[i + 1];
      boolean prevJunk = i == 0 || !units.get(i - 1).isContent();
      boolean nextJunk = i + 1 == units.size() || !units.get(i + 1).isContent();
      remove[i] = prevCandidate || nextCandidate || (prevJunk && nextJunk);
    }
    for (int i = 0; i < units.size(); i++) {
      if (remove[i]) {
        units.set(i, units.get(i).with(Verdict.HEADLINE_LIST));
      }
    }
  }

  /**
   * Pages repeat their lead paragraph (teaser, then body). Of identical paragraphs only the last is
   * kept: it is the one inside the article body.
   */
  private static void markDuplicates(List<Unit> units) {
    Map<String, Integer> last = new HashMap<>();
    for (int i = 0; i < units.size(); i++) {
      if (units.get(i).isContent()) {
        last.put(units.get(i).text().toLowerCase(Locale.ROOT), i);
      }
    }
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      if (u.isContent() && last.get(u.text().toLowerCase(Locale.ROOT)) != i) {
        units.set(i, u.with(Verdict.DUPLICATE));
      }
    }
  }

  /**
   * Cuts a machine date and a dateline (in the first paragraph also a byline) before, and an agency
   * signature after, the prose of a paragraph.
   */
  private static TextSpan trimMetadata(String text, TextSpan span, boolean first) {
    String s = span.of(text);
    int start = span.start();
    int end = span.end();
    Matcher lead = LEADING_DATE.matcher(s);
    if (lead.lookingAt() && lead.end() < s.length()) {
      start += lead.end();
    }
    Matcher dateline = DATELINE.matcher(text.substring(start, end));
    if (dateline.lookingAt() && start + dateline.end() < end) {
      start += dateline.end();
    } else if (first) {
      Matcher byline = BYLINE.matcher(text.substring(start, end));
      if (byline.lookingAt() && start + byline.end() < end) {
        start += byline.end();
      }
    }
    Matcher tail = TRAILING_AGENCY.matcher(s);
    if (tail.find() && tail.start() + span.start() > start) {
      end = span.start() + tail.start();
    }
    return Texts.trim(text, start, end);
  }
}
