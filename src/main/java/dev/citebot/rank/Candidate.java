package dev.citebot.rank;

import dev.citebot.ingest.Sentence;
import dev.citebot.retrieve.RetrievedPassage;

/**
 * A sentence of a retrieved passage considered for the answer, with what the scorers know about it.
 *
 * @param onSubject false for a follow-up's candidate whose passage never names the conversation's
 *     subject (what "they" in "And when did they establish relations?" refers to)
 */
public record Candidate(
    RetrievedPassage from, Sentence sentence, SentenceFeatures features, boolean onSubject) {
  /** The same sentence reached through overlapping passages has one key. */
  public String key() {
    return from.indexed().passage().file() + "@" + sentence.start();
  }

  public String language() {
    return from.indexed().language();
  }
}
