package org.delvm.benchmark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AnomalyDetectionTest {

  @Test
  void thresholdIsMeanPlusStdAndMetricsMatchAHandCount() {
    // Training scores 1..5: mean 3, population std sqrt(2), threshold 4.4142.
    double[] train = {1, 2, 3, 4, 5};
    double[] test = {1.0, 4.0, 4.5, 6.0, 9.0, 5.0, 2.0};
    int[] labels = {0, 1, 1, 1, 0, 0, 1};
    // flagged (> 4.414): 4.5 (TP), 6.0 (TP), 9.0 (FP), 5.0 (FP); missed: 4.0, 2.0 (FN); 1.0 TN
    AnomalyMetrics m =
        AnomalyDetection.evaluate(
            train, test, labels, new MeanPlusStdThresholdTrainer(1.0), "hand-made scores");
    assertEquals(3 + Math.sqrt(2), m.threshold(), 1e-12);
    assertEquals(2, m.truePositives());
    assertEquals(2, m.falsePositives());
    assertEquals(1, m.trueNegatives());
    assertEquals(2, m.falseNegatives());
    assertEquals(50.0, m.precision(), 1e-9);
    assertEquals(50.0, m.recall(), 1e-9);
    assertEquals(50.0, m.f1(), 1e-9);
  }

  @Test
  void rejectsLabelsOtherThanZeroAndOne() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AnomalyDetection.evaluate(
                    new double[] {1, 2},
                    new double[] {1},
                    new int[] {2},
                    new MeanPlusStdThresholdTrainer(1.0),
                    "x"));
    assertEquals("test label 0 is 2; expected 0 (normal) or 1", e.getMessage());
  }
}
