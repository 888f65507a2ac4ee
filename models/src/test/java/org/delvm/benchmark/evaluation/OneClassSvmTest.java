package org.delvm.benchmark.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class OneClassSvmTest {

  private static float[][] gaussian(int n, int d, double centre, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[n][d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        row[j] = (float) (centre + random.nextGaussian());
      }
    }
    return x;
  }

  @Test
  void flagsFarAwaySamplesAndRanksThemAboveTheNormalOnes() {
    float[][] train = gaussian(300, 4, 0, 1);
    float[][] test = new float[100][];
    int[] labels = new int[100];
    float[][] normal = gaussian(50, 4, 0, 2);
    float[][] anomalous = gaussian(50, 4, 6, 3);
    for (int i = 0; i < 50; i++) {
      test[i] = normal[i];
      test[50 + i] = anomalous[i];
      labels[50 + i] = 1;
    }

    OneClassSvm.Result r = new OneClassSvm(0.1, 7).evaluate(train, test, labels);

    assertEquals(50, r.metrics().truePositives(), r.metrics().toString());
    assertTrue(r.metrics().f1() > 90, r.metrics().toString());
    assertTrue(RankingMetrics.auroc(r.testScores(), labels) > 0.99);
    assertArrayEquals(
        r.testScores(), new OneClassSvm(0.1, 7).evaluate(train, test, labels).testScores());
  }

  @Test
  void badSettingsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new OneClassSvm(0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OneClassSvm(0.1, 1).evaluate(new float[0][], new float[1][1], new int[1]));
  }

  @Test
  void libsvmPrintsNothingToStdout() {
    java.io.PrintStream stdout = System.out;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(captured, true));
    try {
      new OneClassSvm(0.1, 7).evaluate(gaussian(200, 4, 0, 1), gaussian(20, 4, 0, 2), new int[20]);
    } finally {
      System.setOut(stdout);
    }
    assertEquals("", captured.toString(), "LibSVM's progress lines reach stdout past -q");
  }
}
