package org.delvm.benchmark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class HistogramThresholdTest {

  private static double[] gaussian(int n, double mean, double std, long seed) {
    Random random = new Random(seed);
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = mean + std * random.nextGaussian();
    }
    return x;
  }

  @Test
  void wellSeparatedGaussiansAreSplitBetweenThem() {
    double[] normal = gaussian(5000, 0, 1, 1);
    double[] anomalous = gaussian(5000, 20, 1, 2);
    HistogramThreshold.Fit fit = HistogramThreshold.paper().fit(normal, anomalous);

    double maxNormal = Arrays.stream(normal).max().orElseThrow();
    double minAnomalous = Arrays.stream(anomalous).min().orElseThrow();
    assertTrue(
        fit.threshold() >= maxNormal && fit.threshold() < minAnomalous,
        fit.threshold() + " not in [" + maxNormal + ", " + minAnomalous + ")");
    assertTrue(fit.crossingFound());
    assertEquals(1, fit.crossings());
    assertEquals(50, fit.normalHistogram().length);
    assertEquals(5000, Arrays.stream(fit.normalHistogram()).sum());
    assertEquals(5000, Arrays.stream(fit.anomalousHistogram()).sum());
  }

  @Test
  void overlappingGaussiansOfEqualSizeCrossAtTheMidpoint() {
    // N(0, 1) and N(2, 1), equal sizes: the densities cross at 1.
    HistogramThreshold.Fit fit =
        HistogramThreshold.paper().fit(gaussian(100000, 0, 1, 3), gaussian(100000, 2, 1, 4));
    assertEquals(1.0, fit.threshold(), fit.binWidth());
    assertEquals(1.0, fit.pooledMean(), 0.02);
    assertEquals(1, fit.crossings());
  }

  @Test
  void countsCrossAtTheEmpiricalBayesBoundaryDensitiesAtTheEqualPriorOne() {
    // 30000 x N(0, 1) normal, 90000 x N(2, 1) anomalous. Counts cross where
    // phi(x) = 3 phi(x - 2), at x = 1 - ln(3) / 2 = 0.4507; densities cross at 1.
    double[] normal = gaussian(30000, 0, 1, 5);
    double[] anomalous = gaussian(90000, 2, 1, 6);
    HistogramThreshold.Fit counts =
        new HistogramThreshold(50, HistogramThreshold.Scale.COUNTS).fit(normal, anomalous);
    HistogramThreshold.Fit density =
        new HistogramThreshold(50, HistogramThreshold.Scale.DENSITY).fit(normal, anomalous);

    assertEquals(1 - Math.log(3) / 2, counts.threshold(), counts.binWidth());
    assertEquals(1.0, density.threshold(), density.binWidth());
    assertEquals(1.5, counts.pooledMean(), 0.02);
  }

  @Test
  void theCrossingNearestThePooledMeanIsChosen() {
    // 9 bins of width 1 over [0.5, 9.5]: normal in bins 0 and 5, anomalous in bins 2 and 8.
    double[] normal = new double[20];
    double[] anomalous = new double[30];
    Arrays.fill(normal, 0, 10, 0.5);
    Arrays.fill(normal, 10, 20, 5.5);
    Arrays.fill(anomalous, 0, 10, 2.5);
    Arrays.fill(anomalous, 10, 30, 9.5);
    HistogramThreshold.Fit fit =
        new HistogramThreshold(9, HistogramThreshold.Scale.COUNTS).fit(normal, anomalous);

    assertEquals(1.0, fit.binWidth(), 1e-12);
    assertEquals(5.5, fit.pooledMean(), 1e-12);
    // Crossings: between bins 0 and 2, (1.5 + 2.5) / 2 = 2.0; between bins 5 and 8, (6.5 + 8.5) /
    // 2 = 7.5, nearer to the mean 5.5.
    assertEquals(2, fit.crossings());
    assertEquals(7.5, fit.threshold(), 1e-12);
    assertTrue(fit.summary().contains("nearest of 2 upward crossings"), fit.summary());
    assertTrue(fit.summary().contains("uses the labels"), fit.summary());
  }

  @Test
  void withoutAnUpwardCrossingTheThresholdIsThePooledMean() {
    // Anomalies score lower than normal samples: no upward crossing.
    HistogramThreshold.Fit fit =
        HistogramThreshold.paper().fit(new double[] {5, 6, 7}, new double[] {1, 2, 3});
    assertFalse(fit.crossingFound());
    assertEquals(0, fit.crossings());
    assertEquals(4.0, fit.threshold(), 1e-12);
    assertTrue(fit.summary().contains("fell back to the pooled mean"), fit.summary());
  }

  @Test
  void evaluatesWithTribuoAndMatchesAHandCount() {
    // 10 bins of width 1 over [0, 10]; normal in bins 0..3, anomalous in bins 5..9: the one
    // crossing is the middle of the empty bin 4, (4 + 5) / 2 = 4.5.
    double[] normalTrain = {0, 1, 2, 3, 3.5};
    double[] anomalousTrain = {5, 6, 7, 8, 10};
    double[] test = {1.0, 4.0, 4.6, 6.0, 9.0, 5.0, 2.0};
    int[] labels = {0, 1, 1, 1, 0, 0, 1};
    // flagged (> 4.5): 4.6 (TP), 6.0 (TP), 9.0 (FP), 5.0 (FP); missed: 4.0, 2.0 (FN); 1.0 TN
    AnomalyMetrics m =
        HistogramThreshold.paper().evaluate(normalTrain, anomalousTrain, test, labels, "hand-made");
    assertEquals(
        4.5,
        new HistogramThreshold(10, HistogramThreshold.Scale.COUNTS)
            .fit(normalTrain, anomalousTrain)
            .threshold(),
        1e-12);
    // With 50 bins of width 0.2 the empty gap runs from 3.6 to 5.0: midpoint 4.3.
    assertEquals(4.3, m.threshold(), 1e-12);
    assertEquals(2, m.truePositives());
    assertEquals(2, m.falsePositives());
    assertEquals(1, m.trueNegatives());
    assertEquals(2, m.falseNegatives());
    assertEquals(50.0, m.precision(), 1e-9);
    assertEquals(50.0, m.recall(), 1e-9);
    assertEquals(50.0, m.f1(), 1e-9);
  }

  @Test
  void isATribuoTrainerOfScoreThresholdModels() {
    AnomalyFactory factory = new AnomalyFactory();
    MutableDataset<Event> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("scores", factory), factory);
    for (double s : new double[] {0, 1, 2, 3, 3.5}) {
      data.add(example(AnomalyFactory.EXPECTED_EVENT, s));
    }
    for (double s : new double[] {5, 6, 7, 8, 10}) {
      data.add(example(AnomalyFactory.ANOMALOUS_EVENT, s));
    }
    HistogramThreshold trainer = new HistogramThreshold(10, HistogramThreshold.Scale.COUNTS);
    Model<Event> model = trainer.train(data);

    assertEquals(4.5, ((ScoreThresholdModel) model).threshold(), 1e-12);
    assertEquals(1, trainer.getInvocationCount());
    assertEquals("histogram-threshold(10 bins, counts)", model.getName());
    assertEquals(
        Event.EventType.ANOMALOUS,
        model.predict(example(AnomalyFactory.UNKNOWN_EVENT, 4.6)).getOutput().getType());
    assertEquals(
        Event.EventType.EXPECTED,
        model.predict(example(AnomalyFactory.UNKNOWN_EVENT, 4.4)).getOutput().getType());
  }

  @Test
  void degenerateInputsAreClearErrors() {
    HistogramThreshold rule = HistogramThreshold.paper();
    assertMessage(
        () -> rule.fit(new double[] {1, 2}, new double[0]), "no anomalous training scores");
    assertMessage(() -> rule.fit(new double[0], new double[] {1, 2}), "no normal training scores");
    assertMessage(
        () -> rule.fit(new double[] {3, 3, 3}, new double[] {3, 3}),
        "all 5 training scores equal 3.0");
    assertMessage(
        () -> rule.fit(new double[] {1, 2, Double.NaN}, new double[] {5}),
        "normal training score 2 is NaN");
    assertMessage(
        () -> rule.fit(new double[] {1, 2}, new double[] {Double.POSITIVE_INFINITY}),
        "anomalous training score 0 is Infinity");
    assertMessage(
        () -> new HistogramThreshold(1, HistogramThreshold.Scale.COUNTS), "at least 2 bins");
    assertMessage(() -> new HistogramThreshold(10, null), "scale must be");
    assertMessage(
        () ->
            rule.evaluate(
                new double[] {1, 2}, new double[] {5, 6}, new double[] {1}, new int[] {2}, "x"),
        "test label 0 is 2; expected 0 (normal) or 1");
    assertMessage(
        () ->
            rule.evaluate(new double[] {1, 2}, new double[0], new double[] {1}, new int[] {0}, "x"),
        "no anomalous training scores");
  }

  private static ArrayExample<Event> example(Event output, double score) {
    return new ArrayExample<>(
        output, new String[] {AnomalyDetection.SCORE_FEATURE}, new double[] {score});
  }

  private static void assertMessage(Executable executable, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
