package org.delvm.benchmark.datasets;

/**
 * The result of {@link EcgAnomalySplit}: normalised beats and the realised counts, for models and
 * for the report.
 *
 * @param train normal training beats, min-max normalised
 * @param test test beats, normalised with the same minimum and maximum (values may fall slightly
 *     outside [0, 1])
 * @param testLabels per test beat: 1 = anomaly (the positive class), 0 = normal
 * @param testNormal normal beats in the test set
 * @param testAnomalous anomalous beats in the test set
 * @param trainNormal normal beats in the training set
 * @param heldOutNormal normal non-test beats left out of training
 * @param seed the shuffle seed
 * @param min the raw value mapped to 0
 * @param max the raw value mapped to 1
 */
public record EcgSplit(
    float[][] train,
    float[][] test,
    int[] testLabels,
    int testNormal,
    int testAnomalous,
    int trainNormal,
    int heldOutNormal,
    long seed,
    float min,
    float max) {

  /** One line for logs and reports. */
  public String summary() {
    return String.format(
        "ECG5000 split (seed %d): train %d normal (%d normal held out); test %d = %d normal + %d"
            + " anomalous; min-max scaling from [%s, %s]",
        seed, trainNormal, heldOutNormal, test.length, testNormal, testAnomalous, min, max);
  }
}
