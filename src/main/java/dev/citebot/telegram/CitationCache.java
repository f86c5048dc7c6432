package dev.citebot.telegram;

import dev.citebot.answer.Citation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The citations of recent answers, per chat and answer message, so a source button shows its
 * passage without asking the engine again. Bounded: {@code perChat} answers per chat and {@code
 * maxChats} chats, the least recently used going first.
 */
final class CitationCache {
  private final int perChat;
  private final Map<Long, Map<Integer, List<Citation>>> chats;

  CitationCache(int maxChats, int perChat) {
    this.perChat = perChat;
    this.chats =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Map<Integer, List<Citation>>> e) {
            return size() > maxChats;
          }
        };
  }

  synchronized void put(long chatId, int messageId, List<Citation> citations) {
    chats
        .computeIfAbsent(
            chatId,
            c ->
                new LinkedHashMap<>(16, 0.75f, true) {
                  @Override
                  protected boolean removeEldestEntry(Map.Entry<Integer, List<Citation>> e) {
                    return size() > perChat;
                  }
                })
        .put(messageId, List.copyOf(citations));
  }

  synchronized Optional<Citation> get(long chatId, int messageId, int n) {
    Map<Integer, List<Citation>> answers = chats.get(chatId);
    List<Citation> citations = answers == null ? null : answers.get(messageId);
    if (citations == null) {
      return Optional.empty();
    }
    return citations.stream().filter(c -> c.n() == n).findFirst();
  }
}
