package org.delvm.benchmark.report;

import org.delvm.benchmark.report.stats.Estimate;

/**
 * One metric of a {@link ReplicateGroup}: the mean over its replicates with a 95 % interval, beside
 * the paper's number.
 *
 * @param paper the paper's value, or null where it reports none
 */
public record AggregateMetric(String name, String unit, Estimate estimate, Double paper) {

  /** Whether the paper's number lies inside the interval; null without a paper number. */
  public Boolean paperInside() {
    return paper == null ? null : estimate.contains(paper);
  }

  /** How far outside the interval the paper's number lies, in half-widths (0 inside). */
  public double paperHalfWidthsOutside() {
    return paper == null ? Double.NaN : estimate.halfWidthsOutside(paper);
  }
}
