package org.delvm.benchmark.report.history;

/**
 * One gated metric in one recorded run. The confidence fields stay {@code null} until the gate
 * compares replicate means with intervals; a history written before then stays readable after.
 *
 * @param mean the value the gate compared (the replicate mean where the gate has one)
 * @param ciLow lower end of its 95 % confidence interval, {@code null} where unknown
 * @param ciHigh upper end of its 95 % confidence interval, {@code null} where unknown
 * @param n number of replicates behind the mean, {@code null} where unknown
 */
public record MetricPoint(double mean, Double ciLow, Double ciHigh, Integer n) {

  /** A value without an interval: what the gate gives today. */
  public static MetricPoint of(double mean) {
    return new MetricPoint(mean, null, null, null);
  }

  /** A gate row's replicate mean with its 95 % interval and n, where it has one. */
  public static MetricPoint of(org.delvm.benchmark.report.stats.Estimate e) {
    return e.hasInterval()
        ? new MetricPoint(e.mean(), e.low(), e.high(), e.n())
        : new MetricPoint(e.mean(), null, null, e.n());
  }

  /** Whether both ends of the interval are known and finite. */
  public boolean hasInterval() {
    return ciLow != null && ciHigh != null && Double.isFinite(ciLow) && Double.isFinite(ciHigh);
  }
}
