package org.delvm.benchmark.evaluation;

import org.tribuo.anomaly.evaluation.AnomalyEvaluation;

/**
 * Anomaly-detection quality with the anomaly as the positive class. Precision, recall and F1 are in
 * percent, as the paper prints them; they are NaN where undefined (e.g. no sample flagged).
 */
public record AnomalyMetrics(
    double threshold,
    double precision,
    double recall,
    double f1,
    long truePositives,
    long falsePositives,
    long trueNegatives,
    long falseNegatives) {

  /** Tribuo's evaluation at {@code threshold}, rates in percent. */
  static AnomalyMetrics of(double threshold, AnomalyEvaluation evaluation) {
    return new AnomalyMetrics(
        threshold,
        100 * evaluation.getPrecision(),
        100 * evaluation.getRecall(),
        100 * evaluation.getF1(),
        evaluation.getTruePositives(),
        evaluation.getFalsePositives(),
        evaluation.getTrueNegatives(),
        evaluation.getFalseNegatives());
  }
}
