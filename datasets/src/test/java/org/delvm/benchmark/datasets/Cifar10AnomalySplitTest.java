package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The split on a synthetic pool shaped like CIFAR-10's: 50000 + 10000 one-pixel images whose pixel
 * is the pool index, class {@code poolIndex % 10} (6000 images per class).
 */
class Cifar10AnomalySplitTest {

  private static final LabelledImages TRAIN = synthetic(50000, 0, "train");
  private static final LabelledImages TEST = synthetic(10000, 50000, "test");

  private static LabelledImages synthetic(int count, int firstIndex, String name) {
    float[][] pixels = new float[count][];
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      int poolIndex = firstIndex + i;
      pixels[i] = new float[] {poolIndex};
      labels[i] = poolIndex % 10;
    }
    return new LabelledImages(pixels, labels, 1, 1, 1, name);
  }

  private static int poolIndex(float[] image) {
    return (int) image[0];
  }

  @Test
  void fullScaleCountsForSeed2023() {
    Cifar10AnomalySplit.Result split = Cifar10AnomalySplit.paper(2023).apply(TRAIN, TEST);

    assertEquals(60000, split.pooled());
    assertEquals(6000, split.pooledNormal());
    assertEquals(16200, split.selectedAnomalous(), "0.3 x 54000, exactly");
    // Deterministic for this seed (they depend only on the seed and the class sizes).
    assertEquals(new Cifar10AnomalySplit.Counts(4180, 11360, 1820, 4840), split.full());
    assertEquals(split.full(), split.kept(), "no caps");
    assertEquals(15540, split.full().train(), "0.7 x 22200");
    assertEquals(6660, split.full().test(), "0.3 x 22200, as the paper's 1777 + 4883");
    assertEquals(4180, split.trainNormal().size());
    assertEquals(11360, split.trainAnomalous().size());
    assertEquals(6660, split.test().size());
    assertEquals(4840, Arrays.stream(split.testLabels()).sum());
    assertEquals(2023, split.seed());
    String summary = split.summary();
    assertTrue(
        summary.contains("test 6660 = 1820 normal + 4840 anomalous")
            && summary.contains("train 15540 = 4180 normal + 11360 anomalous")
            && summary.contains("paper: train 4223 normal; test 6660 = 1777 normal + 4883")
            && summary.contains("only by the histogram threshold (it uses labels)")
            && !summary.contains("capped"),
        summary);
  }

  @Test
  void countsAreThePapersWithinRandomVariation() {
    // Normal test images are hypergeometric: 6660 draws from 22200 holding 6000 normal ones.
    double mean = 6660.0 * 6000 / 22200;
    double sd = Math.sqrt(6660.0 * (6000.0 / 22200) * (16200.0 / 22200) * (15540.0 / 22199));
    assertEquals(1800, mean, 1e-9);
    assertEquals(30.3, sd, 0.05);
    assertTrue(Math.abs(1777 - mean) < sd, "the paper's 1777 is within one sd");
    for (long seed = 0; seed < 20; seed++) {
      Cifar10AnomalySplit.Counts c = Cifar10AnomalySplit.paper(seed).apply(TRAIN, TEST).full();
      assertEquals(6660, c.test());
      assertEquals(6000, c.trainNormal() + c.testNormal());
      assertEquals(16200, c.trainAnomalous() + c.testAnomalous());
      assertTrue(Math.abs(c.testNormal() - mean) < 4 * sd, "seed " + seed + ": " + c);
    }
    // Seed 39 happens to realise the paper's counts exactly.
    assertEquals(
        new Cifar10AnomalySplit.Counts(4223, 11317, 1777, 4883),
        Cifar10AnomalySplit.paper(39).apply(TRAIN, TEST).full());
  }

  @Test
  void partsAreDisjointEveryAirplaneIsUsedOnceAndLabelsAreRight() {
    Cifar10AnomalySplit.Result split = Cifar10AnomalySplit.paper(2023).apply(TRAIN, TEST);
    Set<Integer> seen = new HashSet<>();
    Set<Integer> airplanes = new HashSet<>();
    for (float[] image : split.trainNormal().pixels()) {
      int index = poolIndex(image);
      assertEquals(0, index % 10, "normal training images are airplanes");
      assertTrue(seen.add(index), "image " + index + " used twice");
      airplanes.add(index);
    }
    assertTrue(Arrays.stream(split.trainNormal().labels()).allMatch(l -> l == 0));
    for (int k = 0; k < split.trainAnomalous().size(); k++) {
      int index = poolIndex(split.trainAnomalous().pixels()[k]);
      assertTrue(index % 10 != 0, "anomalous training images are not airplanes");
      assertEquals(index % 10, split.trainAnomalous().labels()[k]);
      assertTrue(seen.add(index), "image " + index + " used twice");
    }
    for (int k = 0; k < split.test().size(); k++) {
      int index = poolIndex(split.test().pixels()[k]);
      assertEquals(index % 10 == 0 ? 0 : 1, split.testLabels()[k], "label 1 = anomaly");
      assertEquals(index % 10, split.testClasses()[k]);
      assertEquals(index, split.poolIndices().test()[k]);
      assertTrue(seen.add(index), "image " + index + " used twice");
      if (index % 10 == 0) {
        airplanes.add(index);
      }
    }
    assertEquals(6000, airplanes.size(), "every airplane is used exactly once");
    assertEquals(22200, seen.size());
    assertEquals(1, split.test().channels());
  }

  @Test
  void sameSeedSameSplitOtherSeedOtherSplit() {
    Cifar10AnomalySplit.Result first = Cifar10AnomalySplit.paper(2023).apply(TRAIN, TEST);
    Cifar10AnomalySplit.Result again = Cifar10AnomalySplit.paper(2023).apply(TRAIN, TEST);
    Cifar10AnomalySplit.Result other = Cifar10AnomalySplit.paper(2024).apply(TRAIN, TEST);

    assertArrayEquals(first.poolIndices().trainNormal(), again.poolIndices().trainNormal());
    assertArrayEquals(first.poolIndices().trainAnomalous(), again.poolIndices().trainAnomalous());
    assertArrayEquals(first.poolIndices().test(), again.poolIndices().test());
    assertArrayEquals(first.testLabels(), again.testLabels());
    assertTrue(Arrays.deepEquals(first.test().pixels(), again.test().pixels()));
    assertFalse(Arrays.equals(first.poolIndices().test(), other.poolIndices().test()));
    assertFalse(
        Arrays.equals(first.poolIndices().trainNormal(), other.poolIndices().trainNormal()));
  }

  @Test
  void countsDoNotDependOnWhereTheClassesSit() {
    // Classes in blocks (as sorted files would hold them) instead of interleaved.
    int[] trainLabels = new int[50000];
    int[] testLabels = new int[10000];
    Arrays.setAll(trainLabels, i -> i / 5000);
    Arrays.setAll(testLabels, i -> i / 1000);
    LabelledImages train = new LabelledImages(TRAIN.pixels(), trainLabels, 1, 1, 1, "train");
    LabelledImages test = new LabelledImages(TEST.pixels(), testLabels, 1, 1, 1, "test");

    assertEquals(
        Cifar10AnomalySplit.paper(2023).apply(TRAIN, TEST).full(),
        Cifar10AnomalySplit.paper(2023).apply(train, test).full());
  }

  @Test
  void limitsKeepASeededSubsetAndTheTestRatio() {
    Cifar10AnomalySplit.Result full = Cifar10AnomalySplit.paper(2023).apply(TRAIN, TEST);
    Cifar10AnomalySplit.Result small =
        Cifar10AnomalySplit.paper(2023).withLimits(1000, 300, 500).apply(TRAIN, TEST);

    assertEquals(full.full(), small.full(), "the realised full-scale counts are still reported");
    // 500 x 1820 / 6660 = 136.6 -> 137 normal, 363 anomalous.
    assertEquals(new Cifar10AnomalySplit.Counts(1000, 300, 137, 363), small.kept());
    assertEquals(1000, small.trainNormal().size());
    assertEquals(300, small.trainAnomalous().size());
    assertEquals(500, small.test().size());
    assertEquals(363, Arrays.stream(small.testLabels()).sum());
    double fullRatio = 1820.0 / 6660;
    assertEquals(fullRatio, 137.0 / 500, 0.5 / 500 + 1e-12);
    assertTrue(small.summary().contains("capped"), small.summary());
    assertTrue(small.summary().contains("test 500 = 137 normal + 363 anomalous"), small.summary());

    // A capped split is a prefix (per class) of the full one.
    assertArrayEquals(
        Arrays.copyOf(full.poolIndices().trainNormal(), 1000), small.poolIndices().trainNormal());
    assertArrayEquals(
        Arrays.copyOf(full.poolIndices().trainAnomalous(), 300),
        small.poolIndices().trainAnomalous());
    Set<Integer> fullTest = new HashSet<>();
    Arrays.stream(full.poolIndices().test()).forEach(fullTest::add);
    for (int index : small.poolIndices().test()) {
      assertTrue(fullTest.contains(index), "test image " + index + " is in the full test part");
    }

    // Caps above the available counts change nothing; a cap of 0 anomalous images is allowed.
    Cifar10AnomalySplit.Result loose =
        Cifar10AnomalySplit.paper(2023).withLimits(100000, 0, 100000).apply(TRAIN, TEST);
    assertEquals(new Cifar10AnomalySplit.Counts(4180, 0, 1820, 4840), loose.kept());
    // A tiny test cap still holds both classes.
    Cifar10AnomalySplit.Result tiny =
        Cifar10AnomalySplit.paper(2023).withLimits(10, 10, 2).apply(TRAIN, TEST);
    assertEquals(new Cifar10AnomalySplit.Counts(10, 10, 1, 1), tiny.kept());
  }

  @Test
  void otherNormalClassAndFractions() {
    Cifar10AnomalySplit rule = new Cifar10AnomalySplit(5, 3, 0.1, 0.5, 100000, 100000, 100000);
    Cifar10AnomalySplit.Result split = rule.apply(new ImageSplits(TRAIN, TEST));

    assertEquals(5400, split.selectedAnomalous(), "0.1 x 54000");
    assertEquals(5700, split.full().train(), "half of 11400");
    assertEquals(5700, split.full().test());
    assertTrue(Arrays.stream(split.trainNormal().labels()).allMatch(l -> l == 3));
    for (int k = 0; k < split.test().size(); k++) {
      assertEquals(split.testClasses()[k] == 3 ? 0 : 1, split.testLabels()[k]);
    }
  }

  @Test
  void badArgumentsAreClearErrors() {
    assertMessage(
        () -> new Cifar10AnomalySplit(1, -1, 0.3, 0.7, 1, 1, 2), "normalClass must not be");
    assertMessage(
        () -> new Cifar10AnomalySplit(1, 0, 0, 0.7, 1, 1, 2), "anomalyFraction must lie in (0, 1]");
    assertMessage(() -> new Cifar10AnomalySplit(1, 0, Double.NaN, 0.7, 1, 1, 2), "anomalyFraction");
    assertMessage(
        () -> new Cifar10AnomalySplit(1, 0, 0.3, 1.0, 1, 1, 2), "trainFraction must lie in (0, 1)");
    assertMessage(
        () -> Cifar10AnomalySplit.paper(1).withLimits(0, 1, 2), "maxTrainNormal must be positive");
    assertMessage(
        () -> Cifar10AnomalySplit.paper(1).withLimits(1, -1, 2), "maxTrainAnomalous must not");
    assertMessage(() -> Cifar10AnomalySplit.paper(1).withLimits(1, 1, 1), "maxTest must be at");
  }

  @Test
  void unusableDataAreDatasetErrors() {
    LabelledImages rgb =
        new LabelledImages(new float[][] {{0, 0, 0}}, new int[] {0}, 3, 1, 1, "rgb");
    DatasetException shape =
        assertThrows(DatasetException.class, () -> Cifar10AnomalySplit.paper(1).apply(TRAIN, rgb));
    assertTrue(shape.getMessage().contains("rgb holds 3x1x1 images"), shape.getMessage());

    LabelledImages noAirplanes =
        new LabelledImages(new float[][] {{1}, {2}}, new int[] {1, 2}, 1, 1, 1, "no airplanes");
    LabelledImages empty = new LabelledImages(new float[0][], new int[0], 1, 1, 1, "empty");
    DatasetException none =
        assertThrows(
            DatasetException.class, () -> Cifar10AnomalySplit.paper(1).apply(noAirplanes, empty));
    assertTrue(none.getMessage().contains("0 images of the normal class 0"), none.getMessage());
  }

  private static void assertMessage(Executable executable, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }
}
