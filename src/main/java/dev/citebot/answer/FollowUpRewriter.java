package dev.citebot.answer;

import dev.citebot.index.Folding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a follow-up question self-contained for retrieval. Two kinds:
 *
 * <ul>
 *   <li>a new ask about the same subject ("And when did they establish relations?" after "Who did
 *       Tô Lâm meet in Minsk?"): the names of the previous question are added, "… Tô Lâm Minsk";
 *   <li>the same ask about a new subject ("What about Belarus?", "Và Belarus thì sao?", "Hva med
 *       Belarus?"): the previous question with its names replaced by the new subject.
 * </ul>
 *
 * A question counts as a follow-up when it opens with a connective, leans on a pronoun, or is too
 * short to stand alone.
 */
public final class FollowUpRewriter {
  private static final Pattern CONNECTIVE =
      Pattern.compile(
          "^(and|but|also|what about|how about|then|va|con|the con|vay|og|men|hva med|enn)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  private static final Pattern PRONOUN =
      Pattern.compile(
          "\\b(they|them|their|it|its|he|him|his|she|her|there|those|these|that|this|ho|ong ay"
              + "|ba ay|no|do|nay|ay|de|dem|deres|han|hun|hans|hennes|det|den|der|disse)\\b",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * "What about X?" in English, Vietnamese and Norwegian: group 1 is X, the new subject of the
   * previous ask.
   */
  private static final List<Pattern> NEW_SUBJECT =
      List.of(
          Pattern.compile(
              "^(?:and\\s+|but\\s+)?(?:what|how)\\s+about\\s+(.+?)[\\s?.!]*$",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
          Pattern.compile(
              "^(?:và\\s+|còn\\s+)?(.+?)\\s+thì\\s+(?:sao|thế\\s+nào)[\\s?.!]*$",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE),
          Pattern.compile(
              "^(?:og\\s+|men\\s+)?hva\\s+med\\s+(.+?)[\\s?.!]*$",
              Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));

  /** Capitalised words not at the start: names, the likeliest thing a pronoun points back to. */
  private static final Pattern NAME = Pattern.compile("(?<=\\s)\\p{Lu}[\\p{L}\\p{N}'’-]*");

  private static final int SHORT = 4;

  /** The question to search with, given the conversation so far. */
  public String standalone(String question, Conversation conversation) {
    var last = conversation.last();
    if (last.isEmpty() || !isFollowUp(question)) {
      return question;
    }
    String previous = last.get().standalone();
    String subject = newSubject(question);
    if (subject != null) {
      return subject + " " + withoutNames(previous);
    }
    List<String> context = new ArrayList<>();
    Matcher m = NAME.matcher(previous);
    String folded = Folding.fold(question);
    while (m.find()) {
      String name = m.group();
      if (!folded.contains(Folding.fold(name)) && !context.contains(name)) {
        context.add(name);
      }
    }
    return context.isEmpty()
        ? question + " " + previous
        : question + " " + String.join(" ", context);
  }

  /**
   * Whether {@code question} asks the previous question again about a new subject ("What about
   * Belarus?"): its made-standalone form, not its own words, says what is asked.
   */
  static boolean asksAboutNewSubject(String question) {
    return newSubject(question) != null;
  }

  /**
   * For "What about X?" made standalone, the previous ask without its names (what is asked; X is
   * then the subject the answer must name); else {@code question} itself.
   */
  static String ask(String question, String standalone) {
    String subject = newSubject(question);
    return subject != null && standalone.startsWith(subject + " ")
        ? standalone.substring(subject.length() + 1)
        : question;
  }

  private static String newSubject(String question) {
    for (Pattern p : NEW_SUBJECT) {
      Matcher m = p.matcher(question.strip());
      if (m.matches()) {
        return m.group(1);
      }
    }
    return null;
  }

  /**
   * The question without its names: capitalised words after the first, and the first when a name
   * follows it ("Việt Nam và Triều Tiên …" loses "Việt Nam" and "Triều Tiên").
   */
  static String withoutNames(String question) {
    String[] words = question.strip().split("\\s+");
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < words.length; i++) {
      boolean name = i > 0 && NAME.matcher(" " + words[i]).find();
      boolean startsName =
          i == 0
              && words.length > 1
              && Character.isUpperCase(words[1].codePointAt(0))
              && Character.isUpperCase(words[0].codePointAt(0));
      if (!name && !startsName) {
        kept.add(words[i]);
      }
    }
    return String.join(" ", kept);
  }

  static boolean isFollowUp(String question) {
    String folded = Folding.fold(question).strip();
    return CONNECTIVE.matcher(folded).find()
        || PRONOUN.matcher(folded).find()
        || folded.split("\\s+").length <= SHORT
        || asksAboutNewSubject(question);
  }
}
