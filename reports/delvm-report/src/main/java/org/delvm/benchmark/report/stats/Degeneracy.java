package org.delvm.benchmark.report.stats;

import java.util.Optional;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;

/**
 * Whether a cell's result is degenerate: numbers a model produced without having learned what the
 * metric assumes. Such a cell is reported, but no claim may rest on it.
 */
public final class Degeneracy {

  /** The anomaly cells' measure of a collapsed f, in percent. */
  public static final String ACTIVE_UNITS = "active units of f";

  private Degeneracy() {}

  /** Why the result is degenerate, if it is. */
  public static Optional<String> of(CellResult cell) {
    if (cell.status() == CellStatus.DIVERGED) {
      return Optional.of(
          "diverged" + (cell.message().isEmpty() ? "" : " (" + cell.message() + ")"));
    }
    boolean collapsed =
        cell.metrics().stream()
            .filter(m -> m.name().equals(ACTIVE_UNITS))
            .mapToDouble(MetricResult::value)
            .anyMatch(v -> v == 0);
    if (collapsed) {
      return Optional.of("collapsed: no unit of f is active on any training sample");
    }
    var p = cell.predictions();
    if (p.size() > 1 && p.constantPrediction()) {
      boolean binary = p.truth().chars().allMatch(c -> c == '0' || c == '1');
      if (!binary) {
        return Optional.of("predicts one class for every test sample");
      }
      return Optional.of(
          p.predictedPositive(0) ? "flags every test sample" : "flags no test sample");
    }
    return Optional.empty();
  }
}
