package org.delvm.benchmark.store;

import java.util.Map;
import java.util.Optional;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;

/**
 * The schema of a {@link StoredResult} beyond what parsing checks: every field the runner and the
 * report read is present, it belongs to the cell it is stored for, and the numbers that must be
 * finite are. A metric may be NaN (undefined, e.g. precision without positives), not infinite.
 */
final class StoredResultCheck {

  private StoredResultCheck() {}

  /** What is wrong with {@code stored} as the result of {@code cellId}; empty when nothing. */
  static Optional<String> problem(StoredResult stored, String cellId) {
    if (stored.fingerprint() == null
        || stored.fingerprint().cellSha256() == null
        || stored.fingerprint().datasetFiles() == null) {
      return Optional.of("it has no fingerprint");
    }
    if (stored.finishedAt() == null || !finiteAndNotNegative(stored.seconds())) {
      return Optional.of("finishedAt or seconds is missing or not a finite time");
    }
    CellResult r = stored.result();
    if (r == null) {
      return Optional.of("it holds no result");
    }
    if (!cellId.equals(r.id())) {
      return Optional.of("it is the result of cell '" + r.id() + "', not of '" + cellId + "'");
    }
    if (r.status() == null || r.experiment() == null || r.dataset() == null || r.model() == null) {
      return Optional.of("status, experiment, dataset or model is null");
    }
    if (!finiteAndNotNegative(r.trainSeconds())) {
      return Optional.of("trainSeconds is not a finite time");
    }
    for (MetricResult m : r.metrics()) {
      if (m == null
          || m.name() == null
          || Double.isInfinite(m.value())
          || (m.paper() != null && !Double.isFinite(m.paper()))) {
        return Optional.of("a metric is null, unnamed or infinite: " + m);
      }
    }
    for (Map.Entry<String, Double> c : r.coordinates().entrySet()) {
      if (c.getKey() == null || c.getValue() == null || !Double.isFinite(c.getValue())) {
        return Optional.of("coordinate " + c.getKey() + " is not a finite number");
      }
    }
    return Optional.empty();
  }

  private static boolean finiteAndNotNegative(double value) {
    return Double.isFinite(value) && value >= 0;
  }
}
