package dev.citebot.retrieve;

import java.util.List;

/**
 * What retrieval found for a question.
 *
 * @param standalone the question as searched in its own language (made standalone)
 * @param passages best first
 */
public record Retrieved(String standalone, List<RetrievedPassage> passages) {
  public Retrieved {
    passages = List.copyOf(passages);
  }
}
