package org.delvm.benchmark.evaluation;

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
    long falseNegatives) {}
