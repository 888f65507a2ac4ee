package org.delvm.benchmark.evaluation;

/**
 * Detectors that need no model, run on the same split as the DELVMs so that their numbers can be
 * read against a floor. The anomaly (label 1) is the positive class.
 */
public final class TrivialBaselines {

  private TrivialBaselines() {}

  /**
   * Flag every test sample as an anomaly: recall 100, precision = the share of anomalies in the
   * test set. The threshold is -infinity; AUROC 50 and AUPRC = the share of anomalies follow from
   * giving every sample the same score.
   */
  public static AnomalyMetrics flagEverything(int[] testLabels) {
    long anomalies = 0;
    for (int i = 0; i < testLabels.length; i++) {
      if (testLabels[i] != 0 && testLabels[i] != 1) {
        throw new IllegalArgumentException(
            "test label " + i + " is " + testLabels[i] + "; expected 0 (normal) or 1");
      }
      anomalies += testLabels[i];
    }
    long normals = testLabels.length - anomalies;
    double precision = testLabels.length == 0 ? Double.NaN : 100.0 * anomalies / testLabels.length;
    double recall = anomalies == 0 ? Double.NaN : 100.0;
    double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : Double.NaN;
    return new AnomalyMetrics(
        Double.NEGATIVE_INFINITY, precision, recall, f1, anomalies, normals, 0, 0);
  }

  /** The mean of the samples, per feature (the training mean of the distance baseline). */
  public static double[] mean(float[][] samples) {
    if (samples.length == 0) {
      throw new IllegalArgumentException("no samples to average");
    }
    double[] mean = new double[samples[0].length];
    for (float[] x : samples) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += x[j];
      }
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= samples.length;
    }
    return mean;
  }

  /**
   * The squared distance of each sample to {@code mean}, ||x - mean||^2: with the training mean, an
   * anomaly score as simple as a model-free score can be.
   */
  public static double[] squaredDistances(float[][] samples, double[] mean) {
    double[] out = new double[samples.length];
    for (int i = 0; i < samples.length; i++) {
      if (samples[i].length != mean.length) {
        throw new IllegalArgumentException(
            "sample " + i + " has " + samples[i].length + " values, expected " + mean.length);
      }
      double s = 0;
      for (int j = 0; j < mean.length; j++) {
        double diff = samples[i][j] - mean[j];
        s += diff * diff;
      }
      out[i] = s;
    }
    return out;
  }
}
