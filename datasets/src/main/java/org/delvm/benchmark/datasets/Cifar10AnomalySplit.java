package org.delvm.benchmark.datasets;

import java.util.Arrays;
import java.util.Random;

/**
 * The paper's CIFAR-10 anomaly-detection split, made explicit and seeded. The paper gives only the
 * counts (4223 normal training images; test 1777 normal + 4883 anomalous images); this rule, the
 * reading in the benchmark's EXPERIMENTS.md, fits them:
 *
 * <ol>
 *   <li>Pool the images: the official training images, then the official test images, in file order
 *       (60000 images).
 *   <li>Images of class {@code normalClass} (0 = airplane) are normal (label 0), all others are
 *       anomalies (label 1, the positive class).
 *   <li>Create one {@code new java.util.Random(seed)}; it drives both shuffles below, in this
 *       order. A shuffle is Fisher-Yates: for {@code i} from {@code n - 1} down to 1, swap position
 *       {@code i} with position {@code random.nextInt(i + 1)}. {@code java.util.Random} is
 *       specified to give the same sequence on every JVM, so the split is reproducible.
 *   <li>Shuffle the pool indices of the other-class images (in ascending order); the first {@code
 *       Math.round(anomalyFraction * others)} of them (0.3 x 54000 = 16200) are the anomalous
 *       images. Exactly that many: the fraction is a count, not a per-image coin flip.
 *   <li>The candidates are all normal pool indices in ascending order, then the selected anomalous
 *       indices in their shuffled order (6000 + 16200 = 22200). Shuffle them; the first {@code
 *       Math.round(trainFraction * candidates)} (15540) are the training part, the rest (6660) the
 *       test part.
 *   <li>The training part's normal images, in shuffled order, train the model. The training part's
 *       anomalous images are <b>not</b> for training: the paper uses them only to choose its
 *       histogram threshold, which therefore uses labels (report it as such).
 *   <li>Quick plans may cap each part ({@link #withLimits}): the training normal and anomalous
 *       images keep the first ones in shuffled order; the test part keeps the first images of each
 *       class in shuffled order with {@code Math.round(maxTest * testNormal / testSize)} normal
 *       images (at least one of each class) and the rest anomalous, so its class ratio is kept. A
 *       capped split is a subset of the full split of the same seed.
 * </ol>
 *
 * <p>The realised counts depend only on the seed and the pool's class sizes (6000 normal, 54000
 * others), not on the images or on where each class sits in the files: the number of random draws
 * and the candidates' layout (normal first) are fixed. At full scale the number of normal test
 * images is hypergeometric: mean 6660 x 6000 / 22200 = 1800, standard deviation about 30.3; the
 * paper's 1777 is 0.76 standard deviations below the mean. Reports should print {@link
 * Result#summary()}.
 *
 * <p>Pixels are passed on as they come (the arrays are shared, not copied); "standard
 * normalisation" is the caller's step, with statistics of the normal training images.
 *
 * @param seed seeds both shuffles
 * @param normalClass the CIFAR-10 class of the normal images (0 = airplane)
 * @param anomalyFraction the fraction of the other-class images kept as anomalies, in (0, 1]
 * @param trainFraction the fraction of the selected images in the training part, in (0, 1)
 * @param maxTrainNormal cap on the normal training images ({@link #NO_LIMIT}: none)
 * @param maxTrainAnomalous cap on the anomalous training images, may be 0 ({@link #NO_LIMIT}: none)
 * @param maxTest cap on the test images, at least 2 ({@link #NO_LIMIT}: none)
 */
public record Cifar10AnomalySplit(
    long seed,
    int normalClass,
    double anomalyFraction,
    double trainFraction,
    int maxTrainNormal,
    int maxTrainAnomalous,
    int maxTest) {

  /** No cap on a part. */
  public static final int NO_LIMIT = Integer.MAX_VALUE;

  /** CIFAR-10's airplane class, the paper's normal class. */
  public static final int PAPER_NORMAL_CLASS = 0;

  /** The paper's fraction of the other classes kept as anomalies (reading of its counts). */
  public static final double PAPER_ANOMALY_FRACTION = 0.3;

  /** The paper's training fraction of the selected images (reading of its counts). */
  public static final double PAPER_TRAIN_FRACTION = 0.7;

  /** The paper's number of normal training images. */
  public static final int PAPER_TRAIN_NORMAL = 4223;

  /** The paper's number of normal test images. */
  public static final int PAPER_TEST_NORMAL = 1777;

  /** The paper's number of anomalous test images. */
  public static final int PAPER_TEST_ANOMALOUS = 4883;

  public Cifar10AnomalySplit {
    if (normalClass < 0) {
      throw new IllegalArgumentException("normalClass must not be negative: " + normalClass);
    }
    if (!(anomalyFraction > 0 && anomalyFraction <= 1)) {
      throw new IllegalArgumentException("anomalyFraction must lie in (0, 1]: " + anomalyFraction);
    }
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException("trainFraction must lie in (0, 1): " + trainFraction);
    }
    if (maxTrainNormal < 1) {
      throw new IllegalArgumentException("maxTrainNormal must be positive: " + maxTrainNormal);
    }
    if (maxTrainAnomalous < 0) {
      throw new IllegalArgumentException(
          "maxTrainAnomalous must not be negative: " + maxTrainAnomalous);
    }
    if (maxTest < 2) {
      throw new IllegalArgumentException(
          "maxTest must be at least 2 (one normal and one anomalous image): " + maxTest);
    }
  }

  /** The paper's split (airplane normal, 30% of the others anomalous, 70/30), no caps. */
  public static Cifar10AnomalySplit paper(long seed) {
    return new Cifar10AnomalySplit(
        seed,
        PAPER_NORMAL_CLASS,
        PAPER_ANOMALY_FRACTION,
        PAPER_TRAIN_FRACTION,
        NO_LIMIT,
        NO_LIMIT,
        NO_LIMIT);
  }

  /**
   * The same split with caps on the parts, for plans that cannot afford the full 22200 images.
   *
   * @param maxTrainNormal at most this many normal training images (positive)
   * @param maxTrainAnomalous at most this many anomalous training images (0 or more)
   * @param maxTest at most this many test images (at least 2), with the full test part's ratio
   */
  public Cifar10AnomalySplit withLimits(int maxTrainNormal, int maxTrainAnomalous, int maxTest) {
    return new Cifar10AnomalySplit(
        seed,
        normalClass,
        anomalyFraction,
        trainFraction,
        maxTrainNormal,
        maxTrainAnomalous,
        maxTest);
  }

  /** Whether any part is capped. */
  public boolean limited() {
    return maxTrainNormal != NO_LIMIT || maxTrainAnomalous != NO_LIMIT || maxTest != NO_LIMIT;
  }

  /** Splits the official CIFAR-10 splits' images. */
  public Result apply(ImageSplits official) {
    return apply(official.train(), official.test());
  }

  /**
   * Splits the images by the rule in the class comment.
   *
   * @param officialTrain pooled first
   * @param officialTest pooled second
   * @throws DatasetException when the two parts' image shapes differ, there is no image of the
   *     normal class or none of another class, the fraction selects no anomalous image, or the
   *     training part would hold no normal image or the test part not both classes
   */
  public Result apply(LabelledImages officialTrain, LabelledImages officialTest) {
    if (officialTrain.channels() != officialTest.channels()
        || officialTrain.height() != officialTest.height()
        || officialTrain.width() != officialTest.width()) {
      throw new DatasetException(
          String.format(
              "CIFAR-10 anomaly split: %s holds %dx%dx%d images, %s holds %dx%dx%d images;"
                  + " both parts must have one shape",
              officialTrain.source(),
              officialTrain.channels(),
              officialTrain.height(),
              officialTrain.width(),
              officialTest.source(),
              officialTest.channels(),
              officialTest.height(),
              officialTest.width()));
    }
    int pooled = officialTrain.size() + officialTest.size();
    float[][] pixels = new float[pooled][];
    int[] classes = new int[pooled];
    int normalCount = 0;
    int k = 0;
    for (LabelledImages part : new LabelledImages[] {officialTrain, officialTest}) {
      for (int i = 0; i < part.size(); i++, k++) {
        pixels[k] = part.pixels()[i];
        classes[k] = part.labels()[i];
        if (classes[k] == normalClass) {
          normalCount++;
        }
      }
    }
    int otherCount = pooled - normalCount;
    if (normalCount == 0 || otherCount == 0) {
      throw new DatasetException(
          String.format(
              "CIFAR-10 anomaly split: %d images of the normal class %d and %d of other classes;"
                  + " both must be present",
              normalCount, normalClass, otherCount));
    }
    int[] normal = new int[normalCount];
    int[] others = new int[otherCount];
    for (int i = 0, n = 0, o = 0; i < pooled; i++) {
      if (classes[i] == normalClass) {
        normal[n++] = i;
      } else {
        others[o++] = i;
      }
    }

    Random random = new Random(seed);
    shuffle(others, random);
    int selectedAnomalous = (int) Math.round(anomalyFraction * otherCount);
    if (selectedAnomalous < 1) {
      throw new DatasetException(
          String.format(
              "CIFAR-10 anomaly split: %s of %d other-class images selects none",
              anomalyFraction, otherCount));
    }
    int[] candidates = new int[normalCount + selectedAnomalous];
    System.arraycopy(normal, 0, candidates, 0, normalCount);
    System.arraycopy(others, 0, candidates, normalCount, selectedAnomalous);
    shuffle(candidates, random);
    int trainSize = (int) Math.round(trainFraction * candidates.length);

    int[] trainNormal = new int[trainSize];
    int[] trainAnomalous = new int[trainSize];
    int fullTrainNormal = 0;
    int fullTrainAnomalous = 0;
    for (int i = 0; i < trainSize; i++) {
      if (classes[candidates[i]] == normalClass) {
        trainNormal[fullTrainNormal++] = candidates[i];
      } else {
        trainAnomalous[fullTrainAnomalous++] = candidates[i];
      }
    }
    int testSize = candidates.length - trainSize;
    int fullTestNormal = 0;
    for (int i = trainSize; i < candidates.length; i++) {
      if (classes[candidates[i]] == normalClass) {
        fullTestNormal++;
      }
    }
    int fullTestAnomalous = testSize - fullTestNormal;
    Counts full =
        new Counts(fullTrainNormal, fullTrainAnomalous, fullTestNormal, fullTestAnomalous);
    if (fullTrainNormal == 0 || fullTestNormal == 0 || fullTestAnomalous == 0) {
      throw new DatasetException(
          String.format(
              "CIFAR-10 anomaly split (seed %d): %s; the training part needs normal images and the"
                  + " test part both classes",
              seed, full));
    }

    // Caps: the first images of each kind in shuffled order.
    int keptTrainNormal = Math.min(maxTrainNormal, fullTrainNormal);
    int keptTrainAnomalous = Math.min(maxTrainAnomalous, fullTrainAnomalous);
    int keptTestNormal = fullTestNormal;
    int keptTestAnomalous = fullTestAnomalous;
    if (maxTest < testSize) {
      keptTestNormal = (int) Math.round((double) maxTest * fullTestNormal / testSize);
      keptTestNormal = Math.max(1, Math.min(maxTest - 1, keptTestNormal));
      keptTestAnomalous = maxTest - keptTestNormal;
    }
    int keptTest = keptTestNormal + keptTestAnomalous;
    float[][] testPixels = new float[keptTest][];
    int[] testLabels = new int[keptTest];
    int[] testClasses = new int[keptTest];
    int[] testPoolIndices = new int[keptTest];
    int takenNormal = 0;
    int takenAnomalous = 0;
    int t = 0;
    for (int i = trainSize; i < candidates.length && t < keptTest; i++) {
      int index = candidates[i];
      boolean isNormal = classes[index] == normalClass;
      if (isNormal ? takenNormal < keptTestNormal : takenAnomalous < keptTestAnomalous) {
        if (isNormal) {
          takenNormal++;
        } else {
          takenAnomalous++;
        }
        testPixels[t] = pixels[index];
        testLabels[t] = isNormal ? 0 : 1;
        testClasses[t] = classes[index];
        testPoolIndices[t] = index;
        t++;
      }
    }
    Counts kept =
        new Counts(keptTrainNormal, keptTrainAnomalous, keptTestNormal, keptTestAnomalous);

    String source = String.format("CIFAR-10 anomaly split (seed %d)", seed);
    int[] trainNormalIndices = Arrays.copyOf(trainNormal, keptTrainNormal);
    int[] trainAnomalousIndices = Arrays.copyOf(trainAnomalous, keptTrainAnomalous);
    return new Result(
        images(trainNormalIndices, pixels, classes, officialTrain, source + ", normal training"),
        images(
            trainAnomalousIndices,
            pixels,
            classes,
            officialTrain,
            source + ", anomalous training (threshold only)"),
        new LabelledImages(
            testPixels,
            testLabels,
            officialTrain.channels(),
            officialTrain.height(),
            officialTrain.width(),
            source + ", test (labels: 1 = anomaly, 0 = normal)"),
        testClasses,
        new Indices(trainNormalIndices, trainAnomalousIndices, testPoolIndices),
        full,
        kept,
        pooled,
        normalCount,
        selectedAnomalous,
        this);
  }

  private static LabelledImages images(
      int[] indices, float[][] pixels, int[] classes, LabelledImages shape, String source) {
    float[][] chosen = new float[indices.length][];
    int[] labels = new int[indices.length];
    for (int i = 0; i < indices.length; i++) {
      chosen[i] = pixels[indices[i]];
      labels[i] = classes[indices[i]];
    }
    return new LabelledImages(
        chosen, labels, shape.channels(), shape.height(), shape.width(), source);
  }

  /** Fisher-Yates with the given generator, exactly as the class comment says. */
  private static void shuffle(int[] values, Random random) {
    for (int i = values.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
  }

  /**
   * Image counts of the parts of a split.
   *
   * @param trainNormal normal images of the training part (they train the model)
   * @param trainAnomalous anomalous images of the training part (threshold only)
   * @param testNormal normal test images
   * @param testAnomalous anomalous test images
   */
  public record Counts(int trainNormal, int trainAnomalous, int testNormal, int testAnomalous) {

    /** The training part's images, normal and anomalous. */
    public int train() {
      return trainNormal + trainAnomalous;
    }

    /** The test images. */
    public int test() {
      return testNormal + testAnomalous;
    }

    @Override
    public String toString() {
      return String.format(
          "train %d = %d normal + %d anomalous, test %d = %d normal + %d anomalous",
          train(), trainNormal, trainAnomalous, test(), testNormal, testAnomalous);
    }
  }

  /**
   * Pool indices (official training images 0..49999, then the official test images) of the kept
   * images, in the order of the result's parts: for tracing an image back to its file.
   *
   * @param trainNormal of {@link Result#trainNormal()}
   * @param trainAnomalous of {@link Result#trainAnomalous()}
   * @param test of {@link Result#test()}
   */
  public record Indices(int[] trainNormal, int[] trainAnomalous, int[] test) {}

  /**
   * The split's images and its realised counts.
   *
   * @param trainNormal normal training images, CIFAR-10 class labels: they train the model
   * @param trainAnomalous anomalous training images, CIFAR-10 class labels: for the histogram
   *     threshold only (it uses labels), never for training the model
   * @param test test images with labels 1 = anomaly (the positive class), 0 = normal
   * @param testClasses the CIFAR-10 class of each test image
   * @param poolIndices where each kept image sits in the pool
   * @param full the counts of the uncapped split (the paper's numbers when uncapped)
   * @param kept the counts after the caps (equal to {@code full} when uncapped)
   * @param pooled images pooled (60000)
   * @param pooledNormal pooled images of the normal class (6000)
   * @param selectedAnomalous other-class images selected as anomalies (16200)
   * @param rule the rule that made the split
   */
  public record Result(
      LabelledImages trainNormal,
      LabelledImages trainAnomalous,
      LabelledImages test,
      int[] testClasses,
      Indices poolIndices,
      Counts full,
      Counts kept,
      int pooled,
      int pooledNormal,
      int selectedAnomalous,
      Cifar10AnomalySplit rule) {

    /** Per test image: 1 = anomaly (the positive class), 0 = normal. */
    public int[] testLabels() {
      return test.labels();
    }

    /** The seed of the split. */
    public long seed() {
      return rule.seed();
    }

    /** One line for logs and reports, with the realised counts and the paper's. */
    public String summary() {
      StringBuilder s =
          new StringBuilder(
              String.format(
                  "CIFAR-10 anomaly split (seed %d): pool %d images (train + test), class %d"
                      + " normal (%d), %s of the other %d selected as anomalous (%d); %d selected"
                      + " images split %s/%s at random: %s (paper: train %d normal; test %d = %d"
                      + " normal + %d anomalous); the training part's anomalous images are used"
                      + " only by the histogram threshold (it uses labels)",
                  rule.seed(),
                  pooled,
                  rule.normalClass(),
                  pooledNormal,
                  rule.anomalyFraction(),
                  pooled - pooledNormal,
                  selectedAnomalous,
                  pooledNormal + selectedAnomalous,
                  rule.trainFraction(),
                  Math.round((1 - rule.trainFraction()) * 1e6) / 1e6,
                  full,
                  PAPER_TRAIN_NORMAL,
                  PAPER_TEST_NORMAL + PAPER_TEST_ANOMALOUS,
                  PAPER_TEST_NORMAL,
                  PAPER_TEST_ANOMALOUS));
      if (rule.limited()) {
        s.append(
            String.format(
                "; capped (seeded, first in shuffled order, test class ratio kept) to %s", kept));
      }
      return s.toString();
    }
  }
}
