package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The split on a synthetic 500 + 4500 beat pool with ECG5000's 2919 normal beats. */
class EcgAnomalySplitTest {

  private static final LabelledSeries TRAIN = synthetic(500, 0, "train");
  private static final LabelledSeries TEST = synthetic(4500, 500, "test");

  /** Beats whose values encode their pool index; beats 0..2918 of the pool are normal. */
  private static LabelledSeries synthetic(int count, int firstIndex, String name) {
    float[][] values = new float[count][];
    int[] labels = new int[count];
    Random random = new Random(count);
    for (int i = 0; i < count; i++) {
      int poolIndex = firstIndex + i;
      labels[i] = poolIndex < 2919 ? 1 : 2 + poolIndex % 4;
      values[i] = new float[] {poolIndex, -3 + 6 * random.nextFloat(), poolIndex % 7};
    }
    return new LabelledSeries(values, labels, name);
  }

  @Test
  void realisesThePapersCounts() {
    EcgSplit split = EcgAnomalySplit.paper(7).apply(TRAIN, TEST);

    assertEquals(1639, split.train().length);
    assertEquals(1639, split.trainNormal());
    assertEquals(1000, split.test().length);
    assertEquals(1000, split.testNormal() + split.testAnomalous());
    assertEquals(split.testAnomalous(), Arrays.stream(split.testLabels()).sum());
    assertEquals(2919, split.testNormal() + split.trainNormal() + split.heldOutNormal());
    assertEquals(7, split.seed());
    assertTrue(split.summary().contains("train 1639 normal"), split.summary());
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    EcgSplit first = EcgAnomalySplit.paper(7).apply(TRAIN, TEST);
    EcgSplit again = EcgAnomalySplit.paper(7).apply(TRAIN, TEST);
    EcgSplit other = EcgAnomalySplit.paper(8).apply(TRAIN, TEST);

    assertArrayEquals(first.testLabels(), again.testLabels());
    assertTrue(Arrays.deepEquals(first.train(), again.train()));
    assertTrue(Arrays.deepEquals(first.test(), again.test()));
    assertFalse(Arrays.deepEquals(first.test(), other.test()));
  }

  @Test
  void trainIsNormalOnlyAndScaledByNonTestMinAndMax() {
    EcgSplit split = EcgAnomalySplit.paper(7).apply(TRAIN, TEST);
    float range = split.max() - split.min();

    for (float[] beat : split.train()) {
      int poolIndex = Math.round(beat[0] * range + split.min());
      assertTrue(poolIndex < 2919, "only normal beats train");
      for (float v : beat) {
        assertTrue(v >= 0 && v <= 1, "training values lie in [0, 1]");
      }
    }
    // The first value is the pool index, 0..4999; min and max come from the non-test beats.
    assertTrue(split.min() < -2.9f && split.max() > 4990);
    for (int k = 0; k < split.test().length; k++) {
      int poolIndex = Math.round(split.test()[k][0] * range + split.min());
      assertEquals(poolIndex < 2919 ? 0 : 1, split.testLabels()[k], "label 1 = anomaly");
    }
  }

  @Test
  void tooFewNormalBeatsIsAnError() {
    EcgAnomalySplit greedy = new EcgAnomalySplit(7, 1000, 2900, 1);
    DatasetException e = assertThrows(DatasetException.class, () -> greedy.apply(TRAIN, TEST));
    assertTrue(e.getMessage().contains("2900 needed for training"), e.getMessage());
  }
}
