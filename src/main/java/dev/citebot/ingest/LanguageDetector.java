package dev.citebot.ingest;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Detects the language of articles and questions (ISO 639-1 codes, "und" when unsure).
 *
 * <p>Loading the n-gram profiles is the slow part, so build one instance per process and share it;
 * detection itself is thread-safe.
 */
public final class LanguageDetector {

  /** Below this probability the detector is guessing. */
  private static final double MIN_PROBABILITY = 0.5;

  /** Articles are long; the first few thousand characters decide their language reliably. */
  private static final int SAMPLE_CHARS = 4000;

  /**
   * The profiles loaded. All 71 built-in profiles take about a second to load; these cover the
   * corpus languages (vi, no, en), their close neighbours that must be told apart from them (da,
   * sv, de, nl), and the widely used languages a question may come in. Texts in other languages
   * come out as the nearest of these or "und".
   */
  static final List<String> PROFILES =
      List.of(
          "vi", "no", "en", "da", "sv", "de", "nl", "fr", "es", "it", "pt", "pl", "ru", "uk", "fi",
          "id", "tr", "zh-CN", "ja", "ko", "th", "ar");

  /**
   * Words that open or hold most questions in each language: enough to tell a question's language
   * without loading the n-gram profiles, which cost a third of a second at start-up.
   */
  private static final java.util.Map<String, java.util.Set<String>> QUESTION_WORDS =
      java.util.Map.of(
          "en",
          java.util.Set.of(
              "what", "who", "when", "where", "which", "why", "how", "the", "did", "does", "is",
              "are", "was", "were", "of", "and", "in"),
          "no",
          java.util.Set.of(
              "hva", "hvem", "når", "hvor", "hvilke", "hvilken", "hvilket", "hvorfor", "hvordan",
              "og", "ble", "er", "var", "det", "den", "til", "mellom", "ikke", "på"));

  private volatile com.optimaize.langdetect.LanguageDetector detector; // loaded on first use
  private final TextObjectFactory largeText = CommonTextObjectFactories.forDetectingOnLargeText();
  private final TextObjectFactory shortText =
      CommonTextObjectFactories.forDetectingShortCleanText();

  public LanguageDetector() {}

  private com.optimaize.langdetect.LanguageDetector detector() {
    com.optimaize.langdetect.LanguageDetector d = detector;
    if (d == null) {
      synchronized (this) {
        if (detector == null) {
          detector = load();
        }
        d = detector;
      }
    }
    return d;
  }

  private static com.optimaize.langdetect.LanguageDetector load() {
    List<LanguageProfile> profiles;
    try {
      List<LdLocale> locales = new ArrayList<>();
      for (String code : PROFILES) {
        locales.add(LdLocale.fromString(code));
      }
      profiles = new LanguageProfileReader().readBuiltIn(locales);
    } catch (IOException e) {
      throw new UncheckedIOException("the built-in language profiles cannot be read", e);
    }
    return LanguageDetectorBuilder.create(NgramExtractors.standard())
        .withProfiles(profiles)
        .build();
  }

  /** The language of an article text, or "und". */
  public String detect(String text) {
    String sample = text.length() > SAMPLE_CHARS ? text.substring(0, SAMPLE_CHARS) : text;
    return best(detector().getProbabilities(largeText.forText(sample)), "und");
  }

  /**
   * The language of a short question. Letters that only one of our languages uses decide first
   * (n-gram statistics on five words are unreliable); otherwise the detector, else English.
   */
  public String detectQuestion(String text) {
    String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
    if (hasVietnameseLetter(nfc)) {
      return "vi";
    }
    if (hasNorwegianLetter(nfc)) {
      return "no";
    }
    String byWords = byQuestionWords(nfc);
    if (byWords != null) {
      return byWords;
    }
    return best(detector().getProbabilities(shortText.forText(nfc)), "en");
  }

  /** The language whose question words the text uses clearly more, or null when it is not clear. */
  static String byQuestionWords(String text) {
    int en = 0;
    int no = 0;
    for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}]+")) {
      en += QUESTION_WORDS.get("en").contains(w) ? 1 : 0;
      no += QUESTION_WORDS.get("no").contains(w) ? 1 : 0;
    }
    if (en >= 2 && no == 0) {
      return "en";
    }
    if (no >= 2 && en == 0) {
      return "no";
    }
    return null;
  }

  /**
   * ă đ ĩ ũ ơ ư and the Latin Extended Additional block U+1EA0..U+1EF9 (vowels with hook above, dot
   * below, or circumflex/breve plus a tone) are written only in Vietnamese; â ê ô count when they
   * appear with one of those.
   */
  static boolean hasVietnameseLetter(String nfc) {
    for (int i = 0; i < nfc.length(); i++) {
      char c = Character.toLowerCase(nfc.charAt(i));
      if ("ăđĩũơư".indexOf(c) >= 0 || (c >= '\u1EA0' && c <= '\u1EF9')) {
        return true;
      }
    }
    return false;
  }

  /** æ ø å, unless ä or ö say it is Swedish (then the detector decides). */
  static boolean hasNorwegianLetter(String nfc) {
    String lower = nfc.toLowerCase(java.util.Locale.ROOT);
    boolean nordic = lower.indexOf('æ') >= 0 || lower.indexOf('ø') >= 0 || lower.indexOf('å') >= 0;
    boolean swedish = lower.indexOf('ä') >= 0 || lower.indexOf('ö') >= 0;
    return nordic && !swedish;
  }

  private static String best(List<DetectedLanguage> candidates, String fallback) {
    if (candidates.isEmpty() || candidates.get(0).getProbability() < MIN_PROBABILITY) {
      return fallback;
    }
    String code = candidates.get(0).getLocale().getLanguage();
    return switch (code) {
      case "nb", "nn" -> "no";
      default -> code;
    };
  }
}
