package org.delvm.benchmark.report.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean with its 95 % confidence interval and the n behind it.
 *
 * @param n replicates for a t-interval, test samples for a bootstrap over them
 * @param method how the interval was made
 */
public record Estimate(double mean, double low, double high, int n, Method method) {

  /** The two-sided confidence level of every interval the project reports. */
  public static final double LEVEL = 0.95;

  /** How an interval was made. */
  public enum Method {
    /** Student's t over the replicates' values (seeds, split seeds): mean +- t * s / sqrt(n). */
    T_INTERVAL("t-interval over replicates"),
    /** One replicate: percentile bootstrap over its test samples. */
    BOOTSTRAP("percentile bootstrap over test samples"),
    /** One replicate and nothing to resample: a number without an interval. */
    NONE("one replicate, no interval");

    private final String description;

    Method(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  /** Half the interval's width; NaN without an interval. */
  public double halfWidth() {
    return (high - low) / 2;
  }

  public boolean hasInterval() {
    return Double.isFinite(low) && Double.isFinite(high);
  }

  /** Whether x lies in the interval (ends included); false without an interval. */
  public boolean contains(double x) {
    return hasInterval() && x >= low && x <= high;
  }

  /**
   * How far x lies outside the interval, in half-widths of it: 0 inside, NaN without an interval of
   * positive width.
   */
  public double halfWidthsOutside(double x) {
    if (!hasInterval() || !(halfWidth() > 0)) {
      return Double.NaN;
    }
    double beyond = x < low ? low - x : x > high ? x - high : 0;
    return beyond / halfWidth();
  }

  /** A single value without an interval. */
  public static Estimate single(double value) {
    return new Estimate(value, Double.NaN, Double.NaN, 1, Method.NONE);
  }

  /** The t-interval of the values' mean; one value gives no interval. */
  public static Estimate tInterval(double[] values) {
    return tInterval(values, LEVEL);
  }

  /** The t-interval at another level (e.g. a Bonferroni-adjusted one). */
  public static Estimate tInterval(double[] values, double level) {
    int n = values.length;
    double mean = 0;
    for (double v : values) {
      mean += v / n;
    }
    if (n < 2) {
      return single(mean);
    }
    double squares = 0;
    for (double v : values) {
      squares += (v - mean) * (v - mean);
    }
    double halfWidth =
        new TDistribution(null, n - 1).inverseCumulativeProbability(0.5 + level / 2)
            * Math.sqrt(squares / (n - 1) / n);
    return new Estimate(mean, mean - halfWidth, mean + halfWidth, n, Method.T_INTERVAL);
  }
}
