package dev.citebot.answer;

import java.util.List;

/**
 * Where conversation turns are kept when several citebot processes serve the same chats (bot or
 * serve replicas behind a load balancer): any of them reads the turns another one added. Reads and
 * writes that cannot reach the store throw an unchecked exception; the question then fails as a
 * whole.
 */
public interface TurnStore {
  /** The last {@code max} turns of conversation {@code id}, oldest first. */
  List<Conversation.Turn> turns(String id, int max);

  /** Adds a turn; turns older than the last {@code max} may be dropped. */
  void add(String id, Conversation.Turn turn, int max);

  void clear(String id);
}
