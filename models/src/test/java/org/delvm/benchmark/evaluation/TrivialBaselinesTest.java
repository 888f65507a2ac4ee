package org.delvm.benchmark.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TrivialBaselinesTest {

  @Test
  void flaggingEverythingHasFullRecallAndThePrevalenceAsPrecision() {
    AnomalyMetrics m = TrivialBaselines.flagEverything(new int[] {1, 0, 0, 1, 1});
    assertEquals(60.0, m.precision(), 1e-12);
    assertEquals(100.0, m.recall(), 1e-12);
    assertEquals(75.0, m.f1(), 1e-12); // 2 x 60 x 100 / 160
    assertEquals(3, m.truePositives());
    assertEquals(2, m.falsePositives());
    assertEquals(0, m.trueNegatives());
    assertEquals(0, m.falseNegatives());
  }

  @Test
  void distanceToTheTrainingMean() {
    float[][] train = {{0, 0}, {2, 2}};
    double[] mean = TrivialBaselines.mean(train);
    assertArrayEquals(new double[] {1, 1}, mean, 1e-12);
    assertArrayEquals(
        new double[] {0, 4, 2},
        TrivialBaselines.squaredDistances(new float[][] {{1, 1}, {3, 1}, {0, 2}}, mean),
        1e-12);
  }

  @Test
  void theDistanceBaselineThroughTheMeanPlusStdThreshold() {
    // Training distances 2, 2 (mean 2, std 0): threshold 2; the far test sample is flagged.
    float[][] train = {{0, 0}, {2, 2}};
    double[] mean = TrivialBaselines.mean(train);
    float[][] test = {{1, 1}, {5, 5}};
    AnomalyMetrics m =
        AnomalyDetection.evaluate(
            TrivialBaselines.squaredDistances(train, mean),
            TrivialBaselines.squaredDistances(test, mean),
            new int[] {0, 1},
            new MeanPlusStdThresholdTrainer(1.0),
            "distance to the training mean");
    assertEquals(2.0, m.threshold(), 1e-12);
    assertEquals(100.0, m.f1(), 1e-12);
  }
}
