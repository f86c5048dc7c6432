import com.ibm.icu.text.DateFormatSymbols;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Prints the CLDR part of the vocabulary (as ICU4J carries it) as TSV: kind, code, then the English,
 * Norwegian Bokmål and Vietnamese words, synonyms separated by |. Run by tools/vocabulary/build.
 */
public final class Cldr {
  static final ULocale[] LOCALES = {ULocale.ENGLISH, new ULocale("nb"), new ULocale("vi")};

  public static void main(String[] args) {
    System.out.println("# CLDR " + com.ibm.icu.util.VersionInfo.ICU_DATA_VERSION_PATH
        + ", ICU4J " + com.ibm.icu.util.VersionInfo.ICU_VERSION);
    regions();
    languages();
    calendar();
    numbers();
  }

  private static void row(String kind, String code, List<Set<String>> cells) {
    StringBuilder sb = new StringBuilder(kind).append('\t').append(code);
    for (Set<String> c : cells) {
      if (c.isEmpty()) {
        return;
      }
      sb.append('\t').append(String.join("|", c));
    }
    System.out.println(sb);
  }

  private static LocaleDisplayNames names(ULocale l, boolean shortNames) {
    return LocaleDisplayNames.getInstance(
        l,
        com.ibm.icu.text.DisplayContext.STANDARD_NAMES,
        shortNames
            ? com.ibm.icu.text.DisplayContext.LENGTH_SHORT
            : com.ibm.icu.text.DisplayContext.LENGTH_FULL);
  }

  /** Every CLDR territory and region: ISO 3166 codes and UN M.49 areas (continents...). */
  private static void regions() {
    Set<String> codes = new TreeSet<>();
    for (com.ibm.icu.util.Region.RegionType t :
        List.of(
            com.ibm.icu.util.Region.RegionType.TERRITORY,
            com.ibm.icu.util.Region.RegionType.CONTINENT,
            com.ibm.icu.util.Region.RegionType.SUBCONTINENT,
            com.ibm.icu.util.Region.RegionType.GROUPING,
            com.ibm.icu.util.Region.RegionType.WORLD)) {
      for (com.ibm.icu.util.Region r : com.ibm.icu.util.Region.getAvailable(t)) {
        codes.add(r.toString());
      }
    }
    for (String code : codes) {
      List<Set<String>> cells = new ArrayList<>();
      for (ULocale l : LOCALES) {
        Set<String> words = new LinkedHashSet<>();
        for (boolean s : new boolean[] {false, true}) {
          String n = names(l, s).regionDisplayName(code);
          if (n != null && !n.equals(code)) {
            words.add(n);
          }
        }
        // CLDR's other names of a territory ("Turkey", "Czech Republic", "Bờ Biển Ngà").
        for (String table : List.of("Countries%variant", "Countries%short")) {
          String n = alternative(l, table, code);
          if (n != null) {
            words.add(n);
          }
        }
        cells.add(words);
      }
      row("region", code, cells);
    }
  }

  private static String alternative(ULocale l, String table, String code) {
    try {
      com.ibm.icu.util.UResourceBundle b =
          com.ibm.icu.util.UResourceBundle.getBundleInstance(
              "com/ibm/icu/impl/data/icudt"
                  + com.ibm.icu.util.VersionInfo.ICU_DATA_VERSION_PATH
                  + "/region",
              l);
      return b.get(table).getString(code);
    } catch (java.util.MissingResourceException e) {
      return null;
    }
  }

  /** Languages with a two-letter ISO 639-1 code. */
  private static void languages() {
    for (String code : ULocale.getISOLanguages()) {
      if (code.length() != 2) {
        continue;
      }
      List<Set<String>> cells = new ArrayList<>();
      for (ULocale l : LOCALES) {
        Set<String> words = new LinkedHashSet<>();
        String n = names(l, false).languageDisplayName(code);
        if (n != null && !n.equals(code)) {
          words.add(n.toLowerCase(l.toLocale()).equals(n) ? n : lowerFirstForNbVi(n, l));
        }
        cells.add(words);
      }
      row("language", code, cells);
    }
  }

  private static String lowerFirstForNbVi(String n, ULocale l) {
    // Vietnamese writes "Tiếng Việt" capitalized in CLDR's stand-alone context; in text it is
    // "tiếng Việt". English keeps capitals.
    if (l.getLanguage().equals("vi") && n.startsWith("Tiếng ")) {
      return "tiếng " + n.substring(6);
    }
    return n;
  }

  private static void calendar() {
    List<DateFormatSymbols> syms = new ArrayList<>();
    for (ULocale l : LOCALES) {
      syms.add(new DateFormatSymbols(l));
    }
    for (int m = 0; m < 12; m++) {
      List<Set<String>> cells = new ArrayList<>();
      for (DateFormatSymbols s : syms) {
        Set<String> words = new LinkedHashSet<>();
        for (int ctx : new int[] {DateFormatSymbols.FORMAT, DateFormatSymbols.STANDALONE}) {
          words.add(s.getMonths(ctx, DateFormatSymbols.WIDE)[m]);
        }
        cells.add(words);
      }
      row("month", String.valueOf(m + 1), cells);
    }
    for (int d = 1; d <= 7; d++) {
      List<Set<String>> cells = new ArrayList<>();
      for (DateFormatSymbols s : syms) {
        Set<String> words = new LinkedHashSet<>();
        for (int ctx : new int[] {DateFormatSymbols.FORMAT, DateFormatSymbols.STANDALONE}) {
          words.add(s.getWeekdays(ctx, DateFormatSymbols.WIDE)[d]);
        }
        cells.add(words);
      }
      row("weekday", String.valueOf(d), cells);
    }
  }

  /** Spelled-out numbers 1-20, the tens to 90, and 100, 1000, a million, a billion. */
  private static void numbers() {
    List<Long> values = new ArrayList<>();
    for (long n = 1; n <= 20; n++) {
      values.add(n);
    }
    for (long n = 30; n <= 90; n += 10) {
      values.add(n);
    }
    values.addAll(List.of(100L, 1_000L, 1_000_000L, 1_000_000_000L));
    for (long n : values) {
      List<Set<String>> cells = new ArrayList<>();
      for (ULocale l : LOCALES) {
        RuleBasedNumberFormat f = new RuleBasedNumberFormat(l, RuleBasedNumberFormat.SPELLOUT);
        String one = f.format(1);
        String w = f.format(n);
        // "one hundred" / "hundre"? / "một trăm": the word of 100 and up is the unit without "one".
        if (n >= 100 && w.startsWith(one + " ")) {
          w = w.substring(one.length() + 1);
        }
        Set<String> words = new LinkedHashSet<>();
        words.add(w);
        cells.add(words);
      }
      row("number", String.valueOf(n), cells);
    }
  }
}
