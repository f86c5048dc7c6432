package dev.citebot.bench;

import dev.citebot.rank.LinearModel;
import java.util.List;

/**
 * The two fits behind the answer model, in plain Java (a few dozen features; no library needed): a
 * listwise ranker (softmax over one question's candidates, the right sentences' share maximised)
 * and a logistic regression. Both are L2-regularised and fitted by Newton steps with a backtracking
 * line search, so a fit is deterministic and takes well under a second.
 */
final class ModelFitting {
  /**
   * Prior: L2 strength, per question for the ranker and per example for the logistic model. It only
   * keeps weights finite where a feature separates the data; the fits move little between 0.1 and
   * 10 (EVAL.md).
   */
  static final double LAMBDA = 1.0;

  private static final int MAX_STEPS = 50;

  private ModelFitting() {}

  /**
   * The ranker: weights w such that, within each question, exp(w·x) of the positive rows holds as
   * much of the total as it can. Questions without a positive row teach nothing and are skipped.
   */
  static LinearModel ranker(List<String> names, List<RankingSet> sets, boolean[] use) {
    int d = names.size();
    List<RankingSet> usable = sets.stream().filter(RankingSet::hasPositive).toList();
    double[] w = new double[d];
    double loss = rankerLoss(usable, w, use);
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] grad = new double[d];
      double[][] hess = new double[d][d];
      for (RankingSet q : usable) {
        accumulate(q, w, use, grad, hess);
      }
      for (int i = 0; i < d; i++) {
        grad[i] += LAMBDA * w[i];
        hess[i][i] += LAMBDA;
      }
      double[] dir = solve(hess, grad);
      double t = 1;
      double[] next = w;
      double nextLoss = loss;
      while (t > 1e-6) {
        next = new double[d];
        for (int i = 0; i < d; i++) {
          next[i] = w[i] - t * dir[i];
        }
        nextLoss = rankerLoss(usable, next, use);
        if (nextLoss <= loss) {
          break;
        }
        t /= 2;
      }
      if (nextLoss > loss) {
        break;
      }
      boolean converged = loss - nextLoss < 1e-7 * Math.max(1, loss);
      w = next;
      loss = nextLoss;
      if (converged) {
        break;
      }
    }
    return new LinearModel(names, w, 0);
  }

  private static double dot(double[] w, double[] x, boolean[] use) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      if (use[i]) {
        s += w[i] * x[i];
      }
    }
    return s;
  }

  private static double rankerLoss(List<RankingSet> sets, double[] w, boolean[] use) {
    double loss = 0;
    for (RankingSet q : sets) {
      double max = Double.NEGATIVE_INFINITY;
      for (RankingSet.Row r : q.rows()) {
        max = Math.max(max, dot(w, r.x(), use));
      }
      double all = 0;
      double pos = 0;
      for (RankingSet.Row r : q.rows()) {
        double e = Math.exp(dot(w, r.x(), use) - max);
        all += e;
        pos += r.positive() ? e : 0;
      }
      loss += Math.log(all) - Math.log(pos);
    }
    double reg = 0;
    for (double v : w) {
      reg += v * v;
    }
    return loss + LAMBDA / 2 * reg;
  }

  /**
   * Adds one question's gradient (expected x over all rows minus over positive rows) and the
   * covariance of x over all rows (the convex part of the Hessian, used as the Newton metric).
   */
  private static void accumulate(
      RankingSet q, double[] w, boolean[] use, double[] grad, double[][] hess) {
    int d = w.length;
    int n = q.rows().size();
    double[] s = new double[n];
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < n; j++) {
      s[j] = dot(w, q.rows().get(j).x(), use);
      max = Math.max(max, s[j]);
    }
    double all = 0;
    double pos = 0;
    double[] meanAll = new double[d];
    double[] meanPos = new double[d];
    double[][] second = new double[d][d];
    for (int j = 0; j < n; j++) {
      RankingSet.Row r = q.rows().get(j);
      double e = Math.exp(s[j] - max);
      all += e;
      for (int a = 0; a < d; a++) {
        double xa = use[a] ? r.x()[a] : 0;
        meanAll[a] += e * xa;
        if (r.positive()) {
          meanPos[a] += e * xa;
        }
        for (int b = 0; b < d; b++) {
          second[a][b] += e * xa * (use[b] ? r.x()[b] : 0);
        }
      }
      pos += r.positive() ? e : 0;
    }
    for (int a = 0; a < d; a++) {
      grad[a] += meanAll[a] / all - meanPos[a] / pos;
      for (int b = 0; b < d; b++) {
        hess[a][b] += second[a][b] / all - (meanAll[a] / all) * (meanAll[b] / all);
      }
    }
  }

  /** Logistic regression of {@code y} on {@code x} with an unpenalised bias. */
  static LinearModel logistic(List<String> names, double[][] x, boolean[] y) {
    int d = names.size() + 1; // the last coefficient is the bias
    double[] w = new double[d];
    for (int step = 0; step < MAX_STEPS; step++) {
      double[] grad = new double[d];
      double[][] hess = new double[d][d];
      for (int i = 0; i < x.length; i++) {
        double[] xi = withBias(x[i]);
        double p = sigmoid(dotAll(w, xi));
        double err = p - (y[i] ? 1 : 0);
        double curvature = Math.max(p * (1 - p), 1e-9);
        for (int a = 0; a < d; a++) {
          grad[a] += err * xi[a];
          for (int b = 0; b < d; b++) {
            hess[a][b] += curvature * xi[a] * xi[b];
          }
        }
      }
      for (int a = 0; a < d - 1; a++) {
        grad[a] += LAMBDA * w[a];
        hess[a][a] += LAMBDA;
      }
      hess[d - 1][d - 1] += 1e-9;
      double[] dir = solve(hess, grad);
      double change = 0;
      for (int a = 0; a < d; a++) {
        w[a] -= dir[a];
        change = Math.max(change, Math.abs(dir[a]));
      }
      if (change < 1e-8) {
        break;
      }
    }
    double[] weights = new double[d - 1];
    System.arraycopy(w, 0, weights, 0, d - 1);
    return new LinearModel(names, weights, w[d - 1]);
  }

  private static double[] withBias(double[] x) {
    double[] out = new double[x.length + 1];
    System.arraycopy(x, 0, out, 0, x.length);
    out[x.length] = 1;
    return out;
  }

  private static double dotAll(double[] w, double[] x) {
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i] * x[i];
    }
    return s;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /** Solves a x = b by Gaussian elimination with partial pivoting (a is small and regularised). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][n + 1];
    for (int i = 0; i < n; i++) {
      System.arraycopy(a[i], 0, m[i], 0, n);
      m[i][n] = b[i];
    }
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
          pivot = r;
        }
      }
      double[] tmp = m[c];
      m[c] = m[pivot];
      m[pivot] = tmp;
      if (Math.abs(m[c][c]) < 1e-12) {
        continue;
      }
      for (int r = c + 1; r < n; r++) {
        double f = m[r][c] / m[c][c];
        for (int k = c; k <= n; k++) {
          m[r][k] -= f * m[c][k];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = m[r][n];
      for (int k = r + 1; k < n; k++) {
        s -= m[r][k] * x[k];
      }
      x[r] = Math.abs(m[r][r]) < 1e-12 ? 0 : s / m[r][r];
    }
    return x;
  }
}
