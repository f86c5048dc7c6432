package dev.citebot.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.citebot.cli.EvalReport;
import dev.citebot.rank.LinearModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelFittingTest {
  private static final List<String> NAMES = List.of("signal", "noise");

  @Test
  void theRankerLearnsWhichFeatureMarksTheRightSentence() {
    Random random = new Random(7);
    List<RankingSet> sets = new ArrayList<>();
    for (int q = 0; q < 200; q++) {
      List<RankingSet.Row> rows = new ArrayList<>();
      int right = random.nextInt(5);
      for (int i = 0; i < 5; i++) {
        double signal = (i == right ? 0.6 : 0.3) + 0.2 * random.nextDouble();
        rows.add(
            new RankingSet.Row(
                new double[] {signal, random.nextDouble()},
                i == right,
                new EvalReport.Cite("f", i, i)));
      }
      sets.add(new RankingSet("t", "q" + q, q, true, null, rows));
    }
    LinearModel m = ModelFitting.ranker(NAMES, sets, new boolean[] {true, true});
    assertThat(m.weights()[0]).isGreaterThan(5);
    assertThat(Math.abs(m.weights()[1])).isLessThan(1);
    LinearModel without = ModelFitting.ranker(NAMES, sets, new boolean[] {false, true});
    assertThat(without.weights()[0]).isZero();
  }

  @Test
  void logisticRegressionSeparatesAndCalibrates() {
    Random random = new Random(11);
    double[][] x = new double[400][];
    boolean[] y = new boolean[400];
    for (int i = 0; i < x.length; i++) {
      y[i] = i % 2 == 0;
      x[i] = new double[] {(y[i] ? 1 : -1) + random.nextGaussian(), random.nextGaussian()};
    }
    LinearModel m = ModelFitting.logistic(NAMES, x, y);
    assertThat(m.probability(new double[] {2, 0})).isGreaterThan(0.9);
    assertThat(m.probability(new double[] {-2, 0})).isLessThan(0.1);
    assertThat(m.probability(new double[] {0, 0})).isBetween(0.35, 0.65);
  }

  @Test
  void solvesASmallLinearSystem() {
    double[] x = ModelFitting.solve(new double[][] {{2, 1}, {1, 3}}, new double[] {3, 5});
    assertThat(x[0]).isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(x[1]).isCloseTo(1.4, org.assertj.core.data.Offset.offset(1e-9));
  }
}
