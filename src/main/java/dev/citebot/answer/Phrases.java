package dev.citebot.answer;

import java.util.List;
import java.util.Locale;

/** The few sentences citebot says in its own words, in the question's language. */
public final class Phrases {
  private Phrases() {}

  public static String notInArticles(String language) {
    return switch (language) {
      case "vi" -> "Các bài viết không trả lời câu hỏi này.";
      case "no" -> "Artiklene svarer ikke på dette spørsmålet.";
      default -> "The articles do not answer this question.";
    };
  }

  public static String seeAlso(String language) {
    return switch (language) {
      case "vi" -> "Xem thêm:";
      case "no" -> "Se også:";
      default -> "See also:";
    };
  }

  /**
   * A note that the quoted text is in other languages than the question ("(source in Vietnamese)"),
   * so a reader knows why the answer is not in their language.
   *
   * @param sources the languages of the quotes that differ from {@code language}, at least one
   */
  public static String sourceIn(String language, List<String> sources) {
    List<String> names = sources.stream().map(s -> languageName(s, language)).toList();
    String list =
        names.size() == 1
            ? names.get(0)
            : String.join(", ", names.subList(0, names.size() - 1))
                + switch (language) {
                  case "vi" -> " và ";
                  case "no" -> " og ";
                  default -> " and ";
                }
                + names.get(names.size() - 1);
    return switch (language) {
      case "vi" -> "(nguồn bằng " + list + ")";
      case "no" -> "(kilden er på " + list + ")";
      default -> (names.size() == 1 ? "(source in " : "(sources in ") + list + ")";
    };
  }

  /** The name of language {@code code} as written in language {@code in}. */
  static String languageName(String code, String in) {
    String key = in + ":" + code;
    return switch (key) {
      case "en:vi" -> "Vietnamese";
      case "en:no" -> "Norwegian";
      case "en:en" -> "English";
      case "no:vi" -> "vietnamesisk";
      case "no:no" -> "norsk";
      case "no:en" -> "engelsk";
      case "vi:vi" -> "tiếng Việt";
      case "vi:no" -> "tiếng Na Uy";
      case "vi:en" -> "tiếng Anh";
      default -> {
        // Other languages: the JDK's own names, in the question's language where it has them.
        String name = Locale.forLanguageTag(code).getDisplayLanguage(Locale.forLanguageTag(in));
        yield name.isEmpty() ? code : name;
      }
    };
  }
}
