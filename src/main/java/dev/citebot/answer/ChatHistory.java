package dev.citebot.answer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Conversation}'s turns as LangChain4j chat messages, for rewriting follow-up questions:
 * each question and the answer shown for it (without citation markers). The conversation is the one
 * memory (bounded by answer.memory-turns, emptied by /new); this only reads it.
 */
public final class ChatHistory {
  /** Longest answer text passed on; the start of an answer is what a follow-up refers to. */
  static final int MAX_REMEMBERED_CHARS = 600;

  private ChatHistory() {}

  /** The messages of {@code conversation}'s turns, oldest first. */
  public static List<ChatMessage> of(Conversation conversation) {
    List<ChatMessage> messages = new ArrayList<>();
    for (Conversation.Turn turn : conversation.turns()) {
      messages.add(UserMessage.from(turn.question()));
      messages.add(AiMessage.from(shown(turn.answer())));
    }
    return List.copyOf(messages);
  }

  private static String shown(Answer answer) {
    String text = answer.text().replaceAll("\\s*\\[\\d+]", "").strip();
    if (text.length() > MAX_REMEMBERED_CHARS) {
      text = text.substring(0, MAX_REMEMBERED_CHARS) + "…";
    }
    return text.isEmpty() ? "…" : text;
  }
}
