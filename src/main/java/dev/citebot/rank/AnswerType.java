package dev.citebot.rank;

import java.util.regex.Pattern;

/**
 * What kind of fact a question asks for, from its wording, and whether a sentence holds one. A
 * "when" question is better answered by a sentence with a date in it, "how many" by one with a
 * number.
 */
enum AnswerType {
  WHEN(
      "\\b(when|what year|which year|what date|what time|khi nao|bao gio|nam nao|ngay nao|luc nao"
          + "|thoi gian nao|nar|hvilket ar|hvilken dato)\\b",
      "\\b(1[0-9]{3}|20[0-9]{2})\\b|\\b\\d{1,2}[/.]\\d{1,2}\\b|\\b(january|february|march|april|may"
          + "|june|july|august|september|october|november|december|thang|januar|februar|mars"
          + "|juni|juli|oktober|desember)\\b"),
  NUMBER(
      "\\b(how many|how much|how long|how old|how far|how large|what percentage|what number"
          + "|bao nhieu|bao lau|bao xa|may|hvor mange|hvor mye|hvor lenge|hvor gammel|hvor stor)\\b",
      "\\d"),
  WHO("\\b(who|whom|whose|ai|nguoi nao|hvem)\\b", "(?-i)\\b\\p{Lu}\\p{L}+"),
  OTHER("$^", "$^");

  private final Pattern question;
  private final Pattern evidence;

  AnswerType(String question, String evidence) {
    this.question = Pattern.compile(question, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    this.evidence = Pattern.compile(evidence, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  /** The type of a question given in folded form (lower case, no accents). */
  static AnswerType of(String foldedQuestion) {
    for (AnswerType t : values()) {
      if (t.question.matcher(foldedQuestion).find()) {
        return t;
      }
    }
    return OTHER;
  }

  /**
   * A year introduced as a point in time ("in 1950", "năm 1992", "i 2019"), as opposed to a year
   * inside a name or a range: the strongest sign of an answer to "when".
   */
  private static final Pattern TIME_OF_YEAR =
      Pattern.compile("\\b(in|since|on|nam|tu|i|fra|siden)\\s+(1[0-9]{3}|20[0-9]{2})\\b(?![-–/])");

  /** How well a sentence fits the type: 0 (not at all) to 1 (a strong sign). */
  double match(String sentence, String foldedSentence) {
    if (this == OTHER) {
      return 0;
    }
    if (this == WHEN && TIME_OF_YEAR.matcher(foldedSentence).find()) {
      return 1;
    }
    return matches(this == WHO ? sentence : foldedSentence) ? 0.5 : 0;
  }

  /** Whether {@code foldedSentence} (folded, except for WHO which needs case) has such a fact. */
  boolean matches(String sentence) {
    return evidence.matcher(sentence).find();
  }
}
