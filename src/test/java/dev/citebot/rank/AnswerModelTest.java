package dev.citebot.rank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnswerModelTest {
  @TempDir Path dir;

  @Test
  void theModelInTheJarIsForTheFeaturesThisVersionComputesAndSaysWhereItCameFrom() {
    AnswerModel m = AnswerModel.bundled();
    assertThat(m.ranker().features()).isEqualTo(SentenceFeatures.NAMES);
    assertThat(m.answerability().features()).isEqualTo(AnswerModel.ANSWERABILITY_FEATURES);
    assertThat(m.refuseBelow().sameLanguage()).isBetween(0.0, 1.0);
    assertThat(m.refuseBelow().crossLanguage()).isBetween(0.0, 1.0);
    assertThat(m.about().path("trained_by").asText()).contains("bench/train");
    assertThat(m.about().path("held_out").path("vi").path("cite_at_1").asDouble()).isPositive();
  }

  @Test
  void featureValuesComeInTheOrderOfTheirNames() throws Exception {
    RecordComponent[] components = SentenceFeatures.class.getRecordComponents();
    Object[] args = new Object[components.length];
    for (int i = 0; i < args.length; i++) {
      args[i] = (double) i;
    }
    SentenceFeatures f =
        (SentenceFeatures)
            SentenceFeatures.class
                .getDeclaredConstructor(
                    java.util.Arrays.stream(components)
                        .map(RecordComponent::getType)
                        .toArray(Class[]::new))
                .newInstance(args);
    double[] v = f.values();
    assertThat(v).hasSize(SentenceFeatures.NAMES.size());
    for (int i = 0; i < v.length; i++) {
      assertThat(v[i]).as(SentenceFeatures.NAMES.get(i)).isEqualTo(i);
    }
  }

  @Test
  void aWrittenModelReadsBackTheSame() throws Exception {
    AnswerModel m = AnswerModel.bundled();
    Path file = dir.resolve("model.json");
    m.write(file);
    AnswerModel back = AnswerModel.read(file);
    assertThat(back.ranker().weights()).containsExactly(m.ranker().weights());
    assertThat(back.answerability().bias()).isEqualTo(m.answerability().bias());
    assertThat(back.refuseBelow()).isEqualTo(m.refuseBelow());
  }

  @Test
  void aModelForOtherFeaturesIsRefused() throws Exception {
    Path file = dir.resolve("old.json");
    Files.writeString(
        file,
        """
        {"refuse_below": 0.1,
         "ranker": {"bias": 0, "weights": {"someOldFeature": 1.0}},
         "answerability": {"bias": 0, "weights": {"someOldFeature": 1.0}}}
        """,
        StandardCharsets.UTF_8);
    assertThatThrownBy(() -> AnswerModel.read(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("run bench/train");
  }

  @Test
  void theRankerScoresTheWeightedSumAndAnswerabilityIsAProbability() {
    List<String> names = SentenceFeatures.NAMES;
    double[] w = new double[names.size()];
    w[names.indexOf("coverSentence")] = 2;
    double[] a = new double[AnswerModel.ANSWERABILITY_FEATURES.size()];
    a[AnswerModel.ANSWERABILITY_FEATURES.indexOf("rankerScore")] = 1;
    AnswerModel m =
        new AnswerModel(
            new LinearModel(names, w, 0),
            new LinearModel(AnswerModel.ANSWERABILITY_FEATURES, a, -1),
            RefusalThresholds.both(0.5),
            null);
    double[] x = new double[names.size()];
    x[names.indexOf("coverSentence")] = 0.5;
    SentenceFeatures f = features(x);
    assertThat(m.score(f)).isEqualTo(1.0);
    assertThat(m.answerable(f, 1.0, 0)).isEqualTo(0.5);
    assertThat(m.answerable(f, 5.0, 0)).isGreaterThan(0.98);
  }

  @Test
  void anAnswerFromAnotherLanguageMeetsItsOwnThreshold() {
    RefusalThresholds t = new RefusalThresholds(0.03, 0.09);
    double[] x = new double[SentenceFeatures.NAMES.size()];
    SentenceFeatures same = features(x);
    x[SentenceFeatures.NAMES.indexOf("crossLanguage")] = 1;
    SentenceFeatures foreign = features(x);
    assertThat(t.refuses(same, 0.05)).isFalse();
    assertThat(t.refuses(foreign, 0.05)).isTrue();
    assertThat(t.refuses(foreign, 0.09)).isFalse();
    assertThat(t.refuses(same, 0.02)).isTrue();
  }

  @Test
  void aModelFileWithOneThresholdUsesItForBoth() throws Exception {
    AnswerModel m = AnswerModel.bundled();
    var json = m.toJson().put("refuse_below", 0.2);
    Path file = dir.resolve("one-threshold.json");
    Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    assertThat(AnswerModel.read(file).refuseBelow()).isEqualTo(RefusalThresholds.both(0.2));
  }

  private static SentenceFeatures features(double[] x) {
    try {
      Object[] args = new Object[x.length];
      for (int i = 0; i < x.length; i++) {
        args[i] = x[i];
      }
      Class<?>[] types = new Class<?>[x.length];
      java.util.Arrays.fill(types, double.class);
      return SentenceFeatures.class.getDeclaredConstructor(types).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
