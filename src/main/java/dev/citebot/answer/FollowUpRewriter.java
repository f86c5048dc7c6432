package dev.citebot.answer;

import dev.citebot.index.Folding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a follow-up question self-contained for retrieval: "And when did they establish relations?"
 * after "What did Vietnam sign with Belarus?" searches with "Vietnam Belarus" added. A question
 * counts as a follow-up when it opens with a connective, leans on a pronoun, or is too short to
 * stand alone; the names of the previous question are what it most likely refers to.
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

  /** Capitalised words not at the start: names, the likeliest thing a pronoun points back to. */
  private static final Pattern NAME = Pattern.compile("(?<=\\s)\\p{Lu}[\\p{L}\\p{N}'’-]*");

  private static final int SHORT = 4;

  /** The question to search with, given the conversation so far. */
  public String standalone(String question, Conversation conversation) {
    var last = conversation.last();
    if (last.isEmpty() || !isFollowUp(question)) {
      return question;
    }
    List<String> context = new ArrayList<>();
    Matcher m = NAME.matcher(last.get().standalone());
    String folded = Folding.fold(question);
    while (m.find()) {
      String name = m.group();
      if (!folded.contains(Folding.fold(name)) && !context.contains(name)) {
        context.add(name);
      }
    }
    return context.isEmpty()
        ? question + " " + last.get().standalone()
        : question + " " + String.join(" ", context);
  }

  static boolean isFollowUp(String question) {
    String folded = Folding.fold(question).strip();
    return CONNECTIVE.matcher(folded).find()
        || PRONOUN.matcher(folded).find()
        || folded.split("\\s+").length <= SHORT;
  }
}
