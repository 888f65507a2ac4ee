package org.delvm.benchmark.report.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.delvm.benchmark.report.TestPredictions;
import org.junit.jupiter.api.Test;

class BootstrapTest {

  /** n samples, each correct with probability p: the truth is all 0, the prediction 0 if right. */
  private static TestPredictions bernoulli(Random random, int n, double p, int[] truth) {
    int[] predicted = new int[n];
    for (int i = 0; i < n; i++) {
      predicted[i] = random.nextDouble() < p ? truth[i] : 1 - truth[i];
    }
    return TestPredictions.of(truth, predicted);
  }

  @Test
  void thePairedIntervalOfAKnownBernoulliDifferenceCoversTheTruthAtAboutTheNominalRate() {
    Random random = new Random(42);
    int n = 500;
    int[] truth = new int[n];
    int covered = 0;
    int repeats = 200;
    for (int r = 0; r < repeats; r++) {
      TestPredictions a = bernoulli(random, n, 0.85, truth);
      TestPredictions b = bernoulli(random, n, 0.80, truth);
      double[] ci =
          Bootstrap.difference(SampleMetric.ACCURACY, List.of(new Bootstrap.Pair(a, b)), r)
              .interval(Estimate.LEVEL);
      covered += ci[0] <= 5.0 && 5.0 <= ci[1] ? 1 : 0;
    }
    double coverage = covered / (double) repeats;
    assertTrue(coverage >= 0.90 && coverage <= 0.99, "coverage " + coverage);
  }

  @Test
  void theIntervalOfOneReplicateCoversItsMetricAndNarrowsWithMoreSamples() {
    Random random = new Random(1);
    Estimate small =
        Bootstrap.ofSamples(SampleMetric.ACCURACY, bernoulli(random, 200, 0.8, new int[200]), 1);
    Estimate large =
        Bootstrap.ofSamples(SampleMetric.ACCURACY, bernoulli(random, 5000, 0.8, new int[5000]), 1);
    assertTrue(small.contains(small.mean()));
    assertTrue(large.halfWidth() < small.halfWidth() / 3, large + " vs " + small);
    assertEquals(Estimate.Method.BOOTSTRAP, small.method());
    assertEquals(200, small.n());
  }

  @Test
  void precisionRecallAndF1FollowTheConfusionCounts() {
    // 4 positives: 3 found; 6 negatives: 1 flagged. TP 3, FP 1, FN 1.
    int[] truth = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    boolean[] flagged = {true, true, true, false, true, false, false, false, false, false};
    TestPredictions p = TestPredictions.of(truth, flagged);
    assertEquals(75.0, SampleMetric.PRECISION.on(p), 1e-12);
    assertEquals(75.0, SampleMetric.RECALL.on(p), 1e-12);
    assertEquals(75.0, SampleMetric.F1.on(p), 1e-12);
    assertEquals(80.0, SampleMetric.ACCURACY.on(p), 1e-12);
    assertEquals(10.0, SampleMetric.ACCURACY.oneSampleStep(p), 1e-12);
    // one false negative found: recall 100; one false positive gone: precision 100
    assertEquals(25.0, SampleMetric.RECALL.oneSampleStep(p), 1e-12);
  }

  @Test
  void aTIntervalOverReplicatesUsesStudentsQuantile() {
    Estimate e = Estimate.tInterval(new double[] {93, 95});
    assertEquals(94, e.mean(), 1e-12);
    assertEquals(12.7062, e.halfWidth(), 1e-3); // t(0.975, 1) * 1.4142 / 1.4142
    assertEquals(0.0, e.halfWidthsOutside(100), 1e-12);
    assertEquals(
        1.0, Estimate.tInterval(new double[] {93, 95}).halfWidthsOutside(94 + 2 * 12.70620), 1e-3);
  }
}
