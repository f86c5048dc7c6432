package dev.citebot.bench;

/**
 * Abstention on a set that mixes answerable and unanswerable questions. Abstain = {@code grounded
 * == false}. Precision: of the abstentions, the share on unanswerable questions; recall: of the
 * unanswerable questions, the share abstained on; false abstain: of the answerable ones, the share
 * abstained on.
 */
final class Abstention {
  int answerable;
  int unanswerable;
  int abstainedAnswerable;
  int abstainedUnanswerable;

  void add(GoldQuestion q, Reply r) {
    if (q.answerable()) {
      answerable++;
      if (!r.grounded()) {
        abstainedAnswerable++;
      }
    } else {
      unanswerable++;
      if (!r.grounded()) {
        abstainedUnanswerable++;
      }
    }
  }

  double precision() {
    int abstained = abstainedAnswerable + abstainedUnanswerable;
    return abstained == 0 ? Double.NaN : abstainedUnanswerable / (double) abstained;
  }

  double recall() {
    return unanswerable == 0 ? Double.NaN : abstainedUnanswerable / (double) unanswerable;
  }

  double falseAbstain() {
    return answerable == 0 ? Double.NaN : abstainedAnswerable / (double) answerable;
  }

  /** F1 of abstaining (the positive class is "unanswerable"). */
  double f1() {
    double p = precision();
    double r = recall();
    return Double.isNaN(p) || Double.isNaN(r) || p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
}
