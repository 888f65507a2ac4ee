package org.delvm.benchmark.report.drift;

/** Which way a metric may move without being a regression. */
public enum Direction {
  /** A drop is bad, a rise beyond tolerance is an improvement (precision, recall, F1). */
  HIGHER_IS_BETTER,
  /** A rise is bad, a drop beyond tolerance is an improvement (a loss, an error rate). */
  LOWER_IS_BETTER,
  /** Any move beyond tolerance is bad: the metric has no better side (a threshold). */
  BOTH
}
