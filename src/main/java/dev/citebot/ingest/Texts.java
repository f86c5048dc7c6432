package dev.citebot.ingest;

/** Character tests shared by the cleaner, the splitter and the metadata extractor. */
final class Texts {
  private Texts() {}

  /** Whitespace including no-break spaces and a stray BOM, which Character.isWhitespace misses. */
  static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF' || c == '\u200B';
  }

  static boolean isBlank(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (!isSpace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The span without leading and trailing whitespace (empty at {@code start} when blank). */
  static TextSpan trim(String text, int start, int end) {
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return new TextSpan(start, end);
  }

  /** Runs of whitespace (of any kind) collapsed to one space, trimmed. */
  static String normalize(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isSpace(c)) {
        space = sb.length() > 0;
      } else {
        if (space) {
          sb.append(' ');
          space = false;
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  static int wordCount(String normalized) {
    if (normalized.isEmpty()) {
      return 0;
    }
    int words = 1;
    for (int i = 0; i < normalized.length(); i++) {
      if (normalized.charAt(i) == ' ') {
        words++;
      }
    }
    return words;
  }

  /**
   * Whether a (normalized) line ends like a sentence: ". ! ? … ; :" possibly followed by closing
   * quotes or brackets. Headlines, menus, bylines and labels do not.
   */
  static boolean endsSentence(String normalized) {
    int i = normalized.length() - 1;
    while (i >= 0 && "\"'”’»)]》」".indexOf(normalized.charAt(i)) >= 0) {
      i--;
    }
    return i >= 0 && ".!?…;:。！？".indexOf(normalized.charAt(i)) >= 0;
  }

  static boolean hasLetterOrDigit(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isLetterOrDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** The first letter of the string is lower case (a hard-wrapped sentence continues). */
  static boolean startsLowercase(String normalized) {
    for (int i = 0; i < normalized.length(); i++) {
      char c = normalized.charAt(i);
      if (Character.isLetter(c)) {
        return Character.isLowerCase(c);
      }
      if (Character.isDigit(c)) {
        return false;
      }
    }
    return false;
  }
}
