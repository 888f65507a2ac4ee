package org.delvm.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.delvm.benchmark.report.stats.Estimate;

/**
 * The replicates of one cell definition (the cells that differ only in seed and split seed),
 * aggregated: the one unit that the report shows, the claims compare and the drift gate checks.
 *
 * @param id the definition's id (the cells' id without seed and split suffixes); the gate's keys
 *     are {@code <id>/<metric>}
 * @param cellIds the replicates, in plan order
 * @param status whether the group is evidence (see {@link Status})
 * @param reason why the group is not complete evidence; empty when it is
 * @param metrics every metric that each completed replicate reports, aggregated
 */
public record ReplicateGroup(
    String id,
    String experiment,
    String dataset,
    String objective,
    String series,
    Map<String, Double> coordinates,
    List<String> cellIds,
    Status status,
    String reason,
    List<AggregateMetric> metrics) {

  /** Whether a group's results are evidence. */
  public enum Status {
    /** Every replicate completed and none is degenerate. */
    COMPLETE,
    /** Some replicates completed; others failed or were not run (named in the reason). */
    PARTIAL,
    /** A replicate diverged, collapsed, or flags everything or nothing: not evidence. */
    DEGENERATE,
    /** No replicate completed: no results at all. */
    MISSING;

    /** Whether claims may use the group's results. */
    public boolean evidence() {
      return this == COMPLETE || this == PARTIAL;
    }
  }

  public ReplicateGroup {
    series = series == null ? "" : series;
    coordinates =
        coordinates == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
    cellIds = List.copyOf(cellIds);
    reason = reason == null ? "" : reason;
    metrics = List.copyOf(metrics);
  }

  public Optional<AggregateMetric> metric(String name) {
    return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
  }

  /** Replicates behind the group's metrics (0 when none completed). */
  public int replicates() {
    if (metrics.isEmpty()) {
      return 0;
    }
    Estimate first = metrics.get(0).estimate();
    return first.method() == Estimate.Method.T_INTERVAL ? first.n() : 1;
  }
}
