package dev.citebot.rank;

/**
 * Below which answerability probability citebot refuses, chosen on held-out folds by {@code
 * bench/train}: one threshold for an answer in the question's language, one for an answer from an
 * article in another language, where the evidence is thinner (names, numbers, the vocabulary's
 * words) and a wrong answer looks more like a right one.
 */
public record RefusalThresholds(double sameLanguage, double crossLanguage) {
  /** One threshold for both (and 0: never refuse). */
  public static RefusalThresholds both(double threshold) {
    return new RefusalThresholds(threshold, threshold);
  }

  @Override
  public String toString() {
    return "%.3f in the question's language, %.3f from another"
        .formatted(sameLanguage, crossLanguage);
  }

  /** Whether an answer whose best sentence is {@code best} and is this probable is refused. */
  public boolean refuses(SentenceFeatures best, double probability) {
    return probability < (best.crossLanguage() > 0 ? crossLanguage : sameLanguage);
  }
}
