package dev.citebot.answer;

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
}
