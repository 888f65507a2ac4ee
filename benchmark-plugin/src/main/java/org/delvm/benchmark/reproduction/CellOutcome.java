package org.delvm.benchmark.reproduction;

import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;

/**
 * One cell of a run: its stored result and whether this run computed it or reused it.
 *
 * @param reused true when the result comes from an earlier run
 */
public record CellOutcome(StoredResult stored, boolean reused) {

  public CellResult result() {
    return stored.result();
  }

  /** The headline metric (F1, percent), or NaN when the cell produced none. */
  public double f1() {
    return result().metrics().stream()
        .filter(m -> m.name().equals("F1"))
        .mapToDouble(MetricResult::value)
        .findFirst()
        .orElse(Double.NaN);
  }
}
