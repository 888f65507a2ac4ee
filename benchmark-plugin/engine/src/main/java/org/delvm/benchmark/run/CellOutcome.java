package org.delvm.benchmark.run;

import java.util.List;
import java.util.Locale;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.store.StoredResult;

/**
 * One cell of a run: its stored result and whether this run computed it or reused it.
 *
 * @param reused true when the result comes from an earlier run
 */
public record CellOutcome(StoredResult stored, boolean reused) {

  public CellResult result() {
    return stored.result();
  }

  /** The headline metric, e.g. {@code F1 93.62} or {@code accuracy 81.20}; "-" when none. */
  public String mainMetric() {
    for (String name : List.of("F1", "accuracy")) {
      for (MetricResult m : result().metrics()) {
        if (m.name().equals(name)) {
          return name + " " + String.format(Locale.ROOT, "%.2f", m.value());
        }
      }
    }
    return "-";
  }
}
