package org.delvm.benchmark.evaluation;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Threshold-free quality of an anomaly score, with the anomaly (label 1) as the positive class and
 * a higher score meaning "more anomalous". Both are fractions in [0, 1]; NaN when the labels hold
 * only one class.
 *
 * <p>Ties: AUROC counts a tied (anomaly, normal) pair as one half (the Mann-Whitney U statistic
 * with mid-ranks), which is the area under the ROC curve that joins its points by straight lines.
 * AUPRC is the average precision over the distinct score thresholds, tied samples entering
 * together: AP = sum over thresholds t (from the highest) of (R(t) - R(t_prev)) x P(t), as
 * scikit-learn's {@code average_precision_score} computes it (no interpolation).
 */
public final class RankingMetrics {

  private RankingMetrics() {}

  /** Area under the ROC curve: the probability that an anomaly outscores a normal sample. */
  public static double auroc(double[] scores, int[] labels) {
    check(scores, labels);
    Integer[] order = sortedAscending(scores);
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    long negatives = labels.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double positiveRankSum = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1; // ranks start at 1
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] == 1) {
          positiveRankSum += midRank;
        }
      }
      i = j + 1;
    }
    double u = positiveRankSum - positives * (positives + 1) / 2.0;
    return u / ((double) positives * negatives);
  }

  /** Area under the precision-recall curve, as average precision (see the class comment). */
  public static double auprc(double[] scores, int[] labels) {
    check(scores, labels);
    Integer[] order = sortedAscending(scores);
    long positives = Arrays.stream(labels).filter(l -> l == 1).count();
    if (positives == 0 || positives == labels.length) {
      return Double.NaN;
    }
    double ap = 0;
    long truePositives = 0;
    long flagged = 0;
    int j = order.length - 1;
    while (j >= 0) {
      int i = j;
      while (i - 1 >= 0 && scores[order[i - 1]] == scores[order[j]]) {
        i--;
      }
      long newPositives = 0;
      for (int k = i; k <= j; k++) {
        newPositives += labels[order[k]] == 1 ? 1 : 0;
      }
      truePositives += newPositives;
      flagged += j - i + 1;
      ap += (double) newPositives / positives * truePositives / flagged;
      j = i - 1;
    }
    return ap;
  }

  private static Integer[] sortedAscending(double[] scores) {
    Integer[] order = new Integer[scores.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    return order;
  }

  private static void check(double[] scores, int[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          scores.length + " scores but " + labels.length + " labels");
    }
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException("score " + i + " is NaN");
      }
      if (labels[i] != 0 && labels[i] != 1) {
        throw new IllegalArgumentException(
            "label " + i + " is " + labels[i] + "; expected 0 (normal) or 1 (anomaly)");
      }
    }
  }
}
