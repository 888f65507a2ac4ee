package org.delvm.benchmark.report;

/**
 * A reproduced number beside the paper's.
 *
 * @param paper the value the paper reports, or null where it reports none
 */
public record MetricResult(String name, double value, Double paper, String unit) {

  /** Reproduced minus paper; NaN where the paper reports no value. */
  public double difference() {
    return paper == null ? Double.NaN : value - paper;
  }
}
