package dev.citebot.answer;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * One bounded LangChain4j chat memory per {@link Conversation}: the questions and the answers as
 * shown (without citation markers), for rewriting follow-up questions. A memory lives as long as
 * its conversation object and is emptied when the conversation is (/new).
 */
final class ChatMemories {
  /** Longest answer text remembered; the start of an answer is what a follow-up refers to. */
  static final int MAX_REMEMBERED_CHARS = 600;

  private final Map<Conversation, ChatMemory> memories =
      Collections.synchronizedMap(new WeakHashMap<>());
  private final int maxMessages;

  /**
   * @param turns question-answer pairs kept; 0 keeps nothing
   */
  ChatMemories(int turns) {
    this.maxMessages = 2 * turns;
  }

  /** The remembered messages of {@code conversation}, oldest first. */
  List<ChatMessage> history(Conversation conversation) {
    ChatMemory memory = memory(conversation);
    if (memory == null) {
      return List.of();
    }
    synchronized (memory) {
      if (conversation.turns().isEmpty()) {
        memory.clear();
      }
      return List.copyOf(memory.messages());
    }
  }

  /** Remembers a question and the answer that was shown for it. */
  void remember(Conversation conversation, String question, Answer answer) {
    ChatMemory memory = memory(conversation);
    if (memory == null) {
      return;
    }
    String text = answer.text().replaceAll("\\s*\\[\\d+]", "").strip();
    if (text.length() > MAX_REMEMBERED_CHARS) {
      text = text.substring(0, MAX_REMEMBERED_CHARS) + "…";
    }
    synchronized (memory) {
      memory.add(UserMessage.from(question));
      memory.add(AiMessage.from(text.isEmpty() ? "…" : text));
    }
  }

  private ChatMemory memory(Conversation conversation) {
    if (maxMessages == 0) {
      return null;
    }
    return memories.computeIfAbsent(
        conversation,
        c -> MessageWindowChatMemory.builder().id(new Object()).maxMessages(maxMessages).build());
  }
}
