package dev.citebot.telegram;

import java.util.Set;

/**
 * Who may use the bot. Both lists empty means everyone may. Otherwise a message is allowed when its
 * chat is listed (a whole group, or a private chat) or its sender is listed (that person, in any
 * chat the bot is in).
 */
public record AccessPolicy(Set<Long> chats, Set<Long> users) {
  public AccessPolicy {
    chats = Set.copyOf(chats);
    users = Set.copyOf(users);
  }

  public boolean open() {
    return chats.isEmpty() && users.isEmpty();
  }

  /**
   * @param user the sender's id, or null when Telegram does not say (a channel post)
   */
  public boolean allows(long chat, Long user) {
    return open() || chats.contains(chat) || (user != null && users.contains(user));
  }
}
