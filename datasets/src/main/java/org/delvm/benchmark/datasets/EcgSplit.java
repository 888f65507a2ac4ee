package org.delvm.benchmark.datasets;

/**
 * The result of {@link EcgAnomalySplit}: normalised beats and the realised counts, for models and
 * for the report.
 *
 * @param train normal training beats, min-max normalised
 * @param test test beats, normalised with the same minimum and maximum (values may fall slightly
 *     outside [0, 1])
 * @param testLabels per test beat: 1 = the positive class ({@code positive}), 0 = the other
 * @param testNormal normal beats in the test set
 * @param testAnomalous anomalous beats in the test set
 * @param trainNormal beats in the training set (of the class {@code trainedOn})
 * @param heldOutNormal non-test beats of that class left out of training
 * @param seed the shuffle seed
 * @param min the raw value mapped to 0
 * @param max the raw value mapped to 1
 * @param trainedOn the class that trains: "normal" or "anomalous"
 * @param positive the positive class: "anomaly" or "normal"
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
    float max,
    String trainedOn,
    String positive) {

  /** One line for logs and reports. */
  public String summary() {
    return String.format(
        "ECG5000 split (seed %d): train %d %s (%d %s held out); test %d = %d normal + %d"
            + " anomalous, positive class %s (%d positives); min-max scaling from [%s, %s]",
        seed,
        trainNormal,
        trainedOn,
        heldOutNormal,
        trainedOn,
        test.length,
        testNormal,
        testAnomalous,
        positive,
        positive.equals("normal") ? testNormal : testAnomalous,
        min,
        max);
  }
}
