package dev.citebot.answer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The remembered turns of one conversation (a console session or a Telegram chat), bounded so a
 * long chat cannot grow without limit. Follow-up questions are read against it.
 */
public final class Conversation {
  /**
   * @param question what the user typed
   * @param standalone the question made self-contained (what retrieval actually searched)
   */
  public record Turn(String question, String standalone, Answer answer) {}

  private final int maxTurns;
  private final Deque<Turn> turns = new ArrayDeque<>();

  public Conversation(int maxTurns) {
    this.maxTurns = maxTurns;
  }

  public synchronized void add(Turn turn) {
    if (maxTurns == 0) {
      return;
    }
    turns.addLast(turn);
    while (turns.size() > maxTurns) {
      turns.removeFirst();
    }
  }

  public synchronized Optional<Turn> last() {
    return Optional.ofNullable(turns.peekLast());
  }

  public synchronized List<Turn> turns() {
    return List.copyOf(turns);
  }

  public synchronized void clear() {
    turns.clear();
  }
}
