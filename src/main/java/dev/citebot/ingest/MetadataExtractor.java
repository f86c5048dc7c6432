package dev.citebot.ingest;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds an article's title, source URL and date in its text. */
public final class MetadataExtractor {

  /**
   * Title, source URL and date of an article.
   *
   * @param title never empty
   * @param sourceUrl "" when the text names none
   * @param date ISO yyyy-MM-dd, "" when the text gives none
   */
  public record Metadata(String title, String sourceUrl, String date) {}

  /** Dates are looked for in the head of the page, where bylines and datelines sit. */
  private static final int HEADER_LINES = 10;

  private static final int TITLE_CHARS = 100;

  private static final Pattern LABELLED_URL =
      Pattern.compile(
          "(?iu)^(?:kilde|nguồn|source|original|url|link|lenke|đọc bài gốc|read more|les mer)"
              + "[^:]{0,20}:\\s*((?:https?://|www\\.)\\S+)");
  private static final Pattern LONE_URL = Pattern.compile("(?i)^((?:https?://|www\\.)\\S+)$");

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("januar", 1),
          Map.entry("january", 1),
          Map.entry("februar", 2),
          Map.entry("february", 2),
          Map.entry("mars", 3),
          Map.entry("march", 3),
          Map.entry("april", 4),
          Map.entry("mai", 5),
          Map.entry("may", 5),
          Map.entry("juni", 6),
          Map.entry("june", 6),
          Map.entry("juli", 7),
          Map.entry("july", 7),
          Map.entry("august", 8),
          Map.entry("september", 9),
          Map.entry("oktober", 10),
          Map.entry("october", 10),
          Map.entry("november", 11),
          Map.entry("desember", 12),
          Map.entry("december", 12));

  private static final String MONTH_NAMES =
      "(januar|january|februar|february|mars|march|april|mai|may|juni|june|juli|july|august"
          + "|september|oktober|october|november|desember|december)";

  private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
  private static final Pattern DMY =
      Pattern.compile("(?<![\\d/.])(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})(?!\\d)");
  private static final Pattern DAY_MONTH_NAME =
      Pattern.compile("(?iu)(?<!\\d)(\\d{1,2})\\.?\\s+" + MONTH_NAMES + "\\s+(\\d{4})(?!\\d)");
  private static final Pattern MONTH_NAME_DAY =
      Pattern.compile("(?iu)" + MONTH_NAMES + "\\s+(\\d{1,2}),?\\s+(\\d{4})(?!\\d)");
  private static final Pattern VI_WORDS =
      Pattern.compile("(?iu)(?<!\\d)(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s*(?:,|năm)\\s*(\\d{4})");

  private static final int DATE_NEAR_START = 40;

  /**
   * @param text the decoded text
   * @param lines the raw lines (or HTML blocks)
   * @param cleaned the cleaner's result (its headline is the preferred title)
   * @param sentences the article's sentences (the first is the fallback title)
   * @param fileName used as the title when the text has nothing better
   */
  public Metadata extract(
      String text,
      List<TextSpan> lines,
      BoilerplateCleaner.Cleaned cleaned,
      List<Sentence> sentences,
      String fileName) {
    return new Metadata(
        title(cleaned.headline(), sentences, fileName), sourceUrl(text, lines), date(text, lines));
  }

  static String title(
      Optional<BoilerplateCleaner.Unit> headline, List<Sentence> sentences, String fileName) {
    if (headline.isPresent()) {
      return headline.get().text();
    }
    if (!sentences.isEmpty()) {
      return cut(Texts.normalize(sentences.get(0).text()), TITLE_CHARS);
    }
    int slash = fileName.lastIndexOf('/');
    String name = fileName.substring(slash + 1);
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  /** The text cut at the last word boundary before {@code max} characters. */
  static String cut(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    int space = s.lastIndexOf(' ', max);
    return (space > max / 2 ? s.substring(0, space) : s.substring(0, max)) + "…";
  }

  /** A URL labelled as the source wins over the first line that is only a URL. */
  static String sourceUrl(String text, List<TextSpan> lines) {
    String lone = "";
    for (TextSpan line : lines) {
      String t = Texts.normalize(line.of(text));
      Matcher labelled = LABELLED_URL.matcher(t);
      if (labelled.find()) {
        return stripTrailingPunctuation(labelled.group(1));
      }
      Matcher m = LONE_URL.matcher(t);
      if (lone.isEmpty() && m.matches()) {
        lone = stripTrailingPunctuation(m.group(1));
      }
    }
    return lone;
  }

  private static String stripTrailingPunctuation(String url) {
    int end = url.length();
    while (end > 0 && ".,;:)]}>\"'”".indexOf(url.charAt(end - 1)) >= 0) {
      end--;
    }
    return url.substring(0, end);
  }

  /**
   * The first date in the head of the page (first ten non-blank lines) that stands in a short line
   * or opens its line ("date 2025-10-08 ...", "Hà Nội, ngày 9/10/2025 - ..."); else a date on a
   * short line anywhere (a dateline). Dates inside body prose are about events ("signed on 31
   * January 1950"), not the article, and are ignored.
   */
  static String date(String text, List<TextSpan> lines) {
    int seen = 0;
    for (TextSpan line : lines) {
      String t = Texts.normalize(line.of(text));
      if (t.isEmpty()) {
        continue;
      }
      boolean header = seen++ < HEADER_LINES;
      boolean shortLine = Texts.wordCount(t) <= (header ? 12 : 6);
      if (header || shortLine) {
        String d = findDate(t, shortLine);
        if (!d.isEmpty()) {
          return d;
        }
      }
    }
    return "";
  }

  private static String findDate(String t, boolean anywhere) {
    for (Pattern p : List.of(ISO, DMY, DAY_MONTH_NAME, MONTH_NAME_DAY, VI_WORDS)) {
      Matcher m = p.matcher(t);
      while (m.find()) {
        if (!anywhere && m.start() >= DATE_NEAR_START) {
          continue;
        }
        String iso = toIso(p, m);
        if (!iso.isEmpty()) {
          return iso;
        }
      }
    }
    return "";
  }

  private static String toIso(Pattern p, Matcher m) {
    try {
      int year;
      int month;
      int day;
      if (p == ISO) {
        year = Integer.parseInt(m.group(1));
        month = Integer.parseInt(m.group(2));
        day = Integer.parseInt(m.group(3));
      } else if (p == DAY_MONTH_NAME) {
        day = Integer.parseInt(m.group(1));
        month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
        year = Integer.parseInt(m.group(3));
      } else if (p == MONTH_NAME_DAY) {
        month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
        day = Integer.parseInt(m.group(2));
        year = Integer.parseInt(m.group(3));
      } else { // day/month/year, the order used in Vietnam and Norway
        day = Integer.parseInt(m.group(1));
        month = Integer.parseInt(m.group(2));
        year = Integer.parseInt(m.group(3));
      }
      return LocalDate.of(year, month, day).toString();
    } catch (DateTimeException | NumberFormatException e) {
      return "";
    }
  }
}
