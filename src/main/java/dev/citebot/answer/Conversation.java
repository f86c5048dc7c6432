package dev.citebot.answer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The remembered turns of one conversation (a console session, a Telegram chat, a conversation of
 * {@code serve}), bounded so a long chat cannot grow without limit. Follow-up questions are read
 * against it. The turns live in this object, or in a {@link TurnStore} that other processes read.
 */
public final class Conversation {
  /**
   * @param question what the user typed
   * @param standalone the question made self-contained (what retrieval actually searched)
   */
  public record Turn(String question, String standalone, Answer answer) {}

  private final int maxTurns;
  private final Deque<Turn> turns = new ArrayDeque<>();
  private final TurnStore store; // null: the turns live in this object only
  private final String id;

  public Conversation(int maxTurns) {
    this(maxTurns, null, null);
  }

  /**
   * A conversation whose turns live in {@code store} under {@code id}, read from there every time,
   * so that another process serving the same chat continues it.
   */
  public Conversation(int maxTurns, TurnStore store, String id) {
    this.maxTurns = maxTurns;
    this.store = store;
    this.id = id;
  }

  public synchronized void add(Turn turn) {
    if (maxTurns == 0) {
      return;
    }
    if (store != null) {
      store.add(id, turn, maxTurns);
      return;
    }
    turns.addLast(turn);
    while (turns.size() > maxTurns) {
      turns.removeFirst();
    }
  }

  public synchronized Optional<Turn> last() {
    if (store != null) {
      List<Turn> all = turns();
      return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }
    return Optional.ofNullable(turns.peekLast());
  }

  public synchronized List<Turn> turns() {
    if (store != null) {
      return maxTurns == 0 ? List.of() : List.copyOf(store.turns(id, maxTurns));
    }
    return List.copyOf(turns);
  }

  public synchronized void clear() {
    if (store != null) {
      store.clear(id);
      return;
    }
    turns.clear();
  }
}
