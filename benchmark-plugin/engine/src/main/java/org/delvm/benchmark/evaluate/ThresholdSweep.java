package org.delvm.benchmark.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.delvm.benchmark.datasets.EcgProtocol;
import org.delvm.benchmark.report.MetricResult;

/**
 * How far the confusion counts of an ECG cell move with the threshold rule: k in mean + k std of
 * the training scores, and the score (the sum of squared reconstruction errors, as the paper; the
 * mean absolute error, as TensorFlow's tutorial). The paper gives neither rule in full, so its
 * implied counts are set beside every combination: the report names those that come within the
 * reproduced intervals.
 */
public final class ThresholdSweep {

  static final double[] K = {0.5, 1, 2, 3};

  /** A sweep metric's name, e.g. {@code "true positives (k 2, mean absolute error)"}. */
  public static String name(String count, double k, String score) {
    return String.format(
        Locale.ROOT, "%s (k %s, %s)", count, k == Math.rint(k) ? "" + (int) k : "" + k, score);
  }

  private ThresholdSweep() {}

  /** The counts per (k, score), with the paper's implied counts beside them. */
  public static List<MetricResult> metrics(
      Map<String, double[]> trainScores,
      Map<String, double[]> testScores,
      int[] labels,
      EcgProtocol protocol,
      Map<String, Double> paper) {
    List<MetricResult> out = new ArrayList<>();
    for (String score : trainScores.keySet()) {
      double[] train = trainScores.get(score);
      double mean = java.util.Arrays.stream(train).average().orElse(Double.NaN);
      double std =
          Math.sqrt(
              java.util.Arrays.stream(train).map(v -> (v - mean) * (v - mean)).average().orElse(0));
      for (double k : K) {
        double threshold = mean + k * std;
        int tp = 0;
        int fp = 0;
        int fn = 0;
        double[] test = testScores.get(score);
        for (int i = 0; i < test.length; i++) {
          boolean flagged = protocol.flagsAbove() ? test[i] > threshold : test[i] < threshold;
          tp += flagged && labels[i] == 1 ? 1 : 0;
          fp += flagged && labels[i] == 0 ? 1 : 0;
          fn += !flagged && labels[i] == 1 ? 1 : 0;
        }
        for (String count : List.of("true positives", "false positives", "false negatives")) {
          double value = count.startsWith("true") ? tp : count.startsWith("false p") ? fp : fn;
          out.add(new MetricResult(name(count, k, score), value, paper.get(count), "samples"));
        }
      }
    }
    return out;
  }
}
