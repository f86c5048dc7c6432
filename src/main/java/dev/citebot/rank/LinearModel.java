package dev.citebot.rank;

import java.util.List;

/**
 * A weighted sum of named features plus a bias: the ranker's score (a logit among one question's
 * candidates) or, through {@link #probability}, a logistic regression's probability.
 */
public record LinearModel(List<String> features, double[] weights, double bias) {
  public LinearModel {
    features = List.copyOf(features);
    weights = weights.clone();
    if (features.size() != weights.length) {
      throw new IllegalArgumentException(
          features.size() + " feature names but " + weights.length + " weights");
    }
  }

  public double apply(double[] x) {
    if (x.length != weights.length) {
      throw new IllegalArgumentException(
          "expected " + weights.length + " features, got " + x.length);
    }
    double s = bias;
    for (int i = 0; i < x.length; i++) {
      s += weights[i] * x[i];
    }
    return s;
  }

  public double probability(double[] x) {
    return 1 / (1 + Math.exp(-apply(x)));
  }
}
