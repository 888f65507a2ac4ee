package org.delvm.benchmark.report.stats;

import java.util.Arrays;
import java.util.Optional;
import org.delvm.benchmark.report.TestPredictions;

/**
 * A metric that can be recomputed from a cell's {@link TestPredictions} on any multiset of its test
 * samples: what the bootstrap needs. Values in percent, as the cells report them; precision and
 * recall are of the positive class ({@code '1'}).
 */
public enum SampleMetric {
  ACCURACY("accuracy"),
  PRECISION("precision"),
  RECALL("recall"),
  F1("F1");

  private final String metricName;

  SampleMetric(String metricName) {
    this.metricName = metricName;
  }

  /** The name cells report the metric under. */
  public String metricName() {
    return metricName;
  }

  /** The metric of that name, if it can be recomputed from predictions. */
  public static Optional<SampleMetric> named(String name) {
    return Arrays.stream(values()).filter(m -> m.metricName.equals(name)).findFirst();
  }

  /** The metric on all test samples. */
  public double on(TestPredictions p) {
    return on(p, null);
  }

  /**
   * The metric on the samples {@code indices} (with repeats, as a bootstrap draws them); all
   * samples where null. NaN where undefined (precision without a predicted positive, recall or F1
   * without a positive).
   */
  public double on(TestPredictions p, int[] indices) {
    int n = indices == null ? p.size() : indices.length;
    int tp = 0;
    int fp = 0;
    int fn = 0;
    int correct = 0;
    for (int k = 0; k < n; k++) {
      int i = indices == null ? k : indices[k];
      if (this == ACCURACY) {
        correct += p.correct(i) ? 1 : 0;
        continue;
      }
      boolean positive = p.positive(i);
      boolean flagged = p.predictedPositive(i);
      tp += positive && flagged ? 1 : 0;
      fp += !positive && flagged ? 1 : 0;
      fn += positive && !flagged ? 1 : 0;
    }
    return switch (this) {
      case ACCURACY -> n == 0 ? Double.NaN : 100.0 * correct / n;
      case PRECISION -> ratio(tp, tp + fp);
      case RECALL -> ratio(tp, tp + fn);
      case F1 -> ratio(2 * tp, 2 * tp + fp + fn);
    };
  }

  /**
   * How far one test sample changes the metric: the move when one misclassified sample becomes
   * correct (the smaller non-zero move of a false negative's and a false positive's). A difference
   * below it cannot be told from a single sample. 100 / n for accuracy.
   */
  public double oneSampleStep(TestPredictions p) {
    if (this == ACCURACY) {
      return 100.0 / p.size();
    }
    int tp = 0;
    int fp = 0;
    int fn = 0;
    for (int i = 0; i < p.size(); i++) {
      tp += p.positive(i) && p.predictedPositive(i) ? 1 : 0;
      fp += !p.positive(i) && p.predictedPositive(i) ? 1 : 0;
      fn += p.positive(i) && !p.predictedPositive(i) ? 1 : 0;
    }
    double now = value(tp, fp, fn);
    double step = Double.POSITIVE_INFINITY;
    double[] moves = {
      fn > 0 ? Math.abs(value(tp + 1, fp, fn - 1) - now) : 0,
      fp > 0 ? Math.abs(value(tp, fp - 1, fn) - now) : 0
    };
    for (double move : moves) {
      if (move > 0) { // recall does not move when a false positive goes
        step = Math.min(step, move);
      }
    }
    // A perfect detector: the step is that of one sample turning wrong.
    return Double.isFinite(step) ? step : Math.abs(value(Math.max(tp - 1, 0), fp, fn + 1) - now);
  }

  private double value(int tp, int fp, int fn) {
    return switch (this) {
      case ACCURACY -> throw new IllegalStateException("accuracy needs no counts");
      case PRECISION -> ratio(tp, tp + fp);
      case RECALL -> ratio(tp, tp + fn);
      case F1 -> ratio(2 * tp, 2 * tp + fp + fn);
    };
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? Double.NaN : 100.0 * numerator / denominator;
  }
}
