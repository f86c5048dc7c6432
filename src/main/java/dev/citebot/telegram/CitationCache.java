package dev.citebot.telegram;

import dev.citebot.answer.Citation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The citations of recent answers, per chat and answer message, so a source button shows its
 * passage without asking the engine again, with the version of each cited file (its SHA-256 when
 * the answer quoted it) so a button can tell the file changed since. Bounded: {@code perChat}
 * answers per chat and {@code maxChats} chats, the least recently used going first.
 */
final class CitationCache {
  /**
   * A cached citation.
   *
   * @param version the SHA-256 of the cited file when the answer was made, or null if unknown
   */
  record Cached(Citation citation, String version) {}

  private record Cited(List<Citation> citations, Map<String, String> versions) {}

  private final int perChat;
  private final Map<Long, Map<Integer, Cited>> chats;

  CitationCache(int maxChats, int perChat) {
    this.perChat = perChat;
    this.chats =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, Map<Integer, Cited>> e) {
            return size() > maxChats;
          }
        };
  }

  synchronized void put(
      long chatId, int messageId, List<Citation> citations, Map<String, String> versions) {
    chats
        .computeIfAbsent(
            chatId,
            c ->
                new LinkedHashMap<>(16, 0.75f, true) {
                  @Override
                  protected boolean removeEldestEntry(Map.Entry<Integer, Cited> e) {
                    return size() > perChat;
                  }
                })
        .put(messageId, new Cited(List.copyOf(citations), Map.copyOf(versions)));
  }

  synchronized Optional<Cached> get(long chatId, int messageId, int n) {
    Map<Integer, Cited> answers = chats.get(chatId);
    Cited cited = answers == null ? null : answers.get(messageId);
    if (cited == null) {
      return Optional.empty();
    }
    return cited.citations().stream()
        .filter(c -> c.n() == n)
        .findFirst()
        .map(c -> new Cached(c, cited.versions().get(c.file())));
  }
}
