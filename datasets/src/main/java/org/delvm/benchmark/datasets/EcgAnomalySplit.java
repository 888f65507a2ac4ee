package org.delvm.benchmark.datasets;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The paper's ECG5000 anomaly-detection split, made explicit and seeded. The paper gives only the
 * counts (1639 normal training beats, 1000 test beats); this rule reproduces them:
 *
 * <ol>
 *   <li>Pool the beats: the UCR TRAIN rows, then the TEST rows, in file order (5000 beats).
 *   <li>Label them: UCR class {@code normalClass} (1) is normal (label 0); every other class is an
 *       anomaly (label 1, the positive class).
 *   <li>Shuffle the pool's indices with a Fisher-Yates shuffle driven by {@code new
 *       java.util.Random(seed)}: for {@code i} from {@code n - 1} down to 1, swap position {@code
 *       i} with position {@code random.nextInt(i + 1)}. {@code java.util.Random} is specified to
 *       give the same sequence on every JVM, so the split is reproducible.
 *   <li>The first {@code testSize} (1000) shuffled beats, normal and anomalous, are the test set.
 *   <li>Of the remaining beats (4000), the normal ones in shuffled order: the first {@code
 *       trainNormalCount} (1639) are the training set; the other normal beats (about 700) are held
 *       out, and the remaining anomalous beats are not used.
 *   <li>Min-max normalisation: the minimum and maximum over all values of all non-test beats (4000
 *       x 140 values, anomalous ones included) map to 0 and 1, for training and test beats alike.
 *       Test values can therefore fall slightly outside [0, 1].
 * </ol>
 *
 * <p>This is the reading of the paper's counts described in the benchmark's EXPERIMENTS.md (80/20
 * split of all beats, then 70% of the training part's normal beats); reports should print {@link
 * EcgSplit#summary()} since the paper does not describe its split further.
 *
 * @param seed seeds the shuffle
 * @param testSize number of test beats
 * @param trainNormalCount number of normal training beats
 * @param normalClass the UCR class label of normal beats
 * @param trainOnAnomalous train on the anomalous non-test beats instead of the normal ones (see
 *     {@link EcgProtocol#PAPER_AS_RUN})
 * @param positiveIsNormal label the normal test beats 1 (the positive class) instead of the
 *     anomalous ones
 */
public record EcgAnomalySplit(
    long seed,
    int testSize,
    int trainNormalCount,
    int normalClass,
    boolean trainOnAnomalous,
    boolean positiveIsNormal) {

  /** The paper's number of test beats. */
  public static final int PAPER_TEST_SIZE = 1000;

  /** The paper's number of normal training beats. */
  public static final int PAPER_TRAIN_NORMAL_COUNT = 1639;

  /** The UCR ECG5000 class of normal heartbeats. */
  public static final int UCR_NORMAL_CLASS = 1;

  public EcgAnomalySplit {
    if (testSize < 1 || trainNormalCount < 1) {
      throw new IllegalArgumentException(
          "testSize and trainNormalCount must be positive: " + testSize + ", " + trainNormalCount);
    }
  }

  /** Training on normal beats, positive = anomaly. */
  public EcgAnomalySplit(long seed, int testSize, int trainNormalCount, int normalClass) {
    this(seed, testSize, trainNormalCount, normalClass, false, false);
  }

  /** The paper's sizes with the given seed. */
  public static EcgAnomalySplit paper(long seed) {
    return new EcgAnomalySplit(seed, PAPER_TEST_SIZE, PAPER_TRAIN_NORMAL_COUNT, UCR_NORMAL_CLASS);
  }

  /**
   * Splits the UCR files' beats by the rule in the class comment.
   *
   * @throws DatasetException when the pool is not larger than {@code testSize}, the series have
   *     different lengths, fewer than {@code trainNormalCount} normal beats remain outside the test
   *     set, or all non-test values are equal
   */
  public EcgSplit apply(LabelledSeries ucrTrain, LabelledSeries ucrTest) {
    if (ucrTrain.size() > 0 && ucrTest.size() > 0 && ucrTrain.length() != ucrTest.length()) {
      throw new DatasetException(
          String.format(
              "%s has series of length %d, %s of length %d",
              ucrTrain.source(), ucrTrain.length(), ucrTest.source(), ucrTest.length()));
    }
    List<float[]> beats = new ArrayList<>();
    List<Integer> anomalous = new ArrayList<>();
    for (LabelledSeries part : List.of(ucrTrain, ucrTest)) {
      for (int i = 0; i < part.size(); i++) {
        beats.add(part.values()[i]);
        anomalous.add(part.labels()[i] == normalClass ? 0 : 1);
      }
    }
    int n = beats.size();
    if (n <= testSize) {
      throw new DatasetException(
          "ECG split: " + n + " beats, but the test set alone takes " + testSize);
    }
    int[] order = shuffledIndices(n);

    int[] testLabels = new int[testSize];
    List<float[]> test = new ArrayList<>();
    for (int k = 0; k < testSize; k++) {
      test.add(beats.get(order[k]));
      testLabels[k] = positiveIsNormal ? 1 - anomalous.get(order[k]) : anomalous.get(order[k]);
    }
    List<float[]> train = new ArrayList<>();
    int heldOutNormal = 0;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int k = testSize; k < n; k++) {
      float[] beat = beats.get(order[k]);
      for (float v : beat) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      if (anomalous.get(order[k]) == (trainOnAnomalous ? 1 : 0)) {
        if (train.size() < trainNormalCount) {
          train.add(beat);
        } else {
          heldOutNormal++;
        }
      }
    }
    if (train.size() < trainNormalCount && trainNormalCount != Integer.MAX_VALUE) {
      throw new DatasetException(
          String.format(
              "ECG split (seed %d): only %d normal beats outside the test set, %d needed for"
                  + " training",
              seed, train.size(), trainNormalCount));
    }
    if (!(max > min)) {
      throw new DatasetException("ECG split: all non-test values equal " + min + "; cannot scale");
    }
    int testPositive = 0;
    for (int label : testLabels) {
      testPositive += label;
    }
    int testAnomalous = positiveIsNormal ? testSize - testPositive : testPositive;
    return new EcgSplit(
        normalise(train, min, max),
        normalise(test, min, max),
        testLabels,
        testSize - testAnomalous,
        testAnomalous,
        train.size(),
        heldOutNormal,
        seed,
        min,
        max,
        trainOnAnomalous ? "anomalous" : "normal",
        positiveIsNormal ? "normal" : "anomaly");
  }

  /** Fisher-Yates over 0..n-1 with {@code new Random(seed)}, exactly as the class comment says. */
  private int[] shuffledIndices(int n) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static float[][] normalise(List<float[]> beats, float min, float max) {
    float range = max - min;
    float[][] scaled = new float[beats.size()][];
    for (int i = 0; i < scaled.length; i++) {
      float[] beat = beats.get(i);
      scaled[i] = new float[beat.length];
      for (int j = 0; j < beat.length; j++) {
        scaled[i][j] = (beat[j] - min) / range;
      }
    }
    return scaled;
  }
}
