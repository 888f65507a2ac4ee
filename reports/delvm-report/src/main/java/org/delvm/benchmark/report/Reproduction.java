package org.delvm.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.report.stats.Replicates;

/**
 * Everything one run of a plan produced: what the report shows and metrics.json stores.
 *
 * @param plan the plan's name
 * @param startedAt ISO-8601 start time
 * @param wallSeconds wall time of the whole run
 * @param environment machine, JVM and backend facts, for reading timings
 * @param claims the paper's claims checked against the cells' results (empty when the plan states
 *     none; absent in a metrics.json from before claims existed)
 * @param replicates the cells grouped into replicates of one definition and aggregated: what the
 *     claims compare and the drift gate checks
 */
public record Reproduction(
    String plan,
    String planDescription,
    String startedAt,
    double wallSeconds,
    Map<String, String> environment,
    List<DatasetRecord> datasets,
    List<CellResult> cells,
    List<ClaimResult> claims,
    List<ReplicateGroup> replicates) {

  public Reproduction {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    datasets = List.copyOf(datasets);
    cells = List.copyOf(cells);
    claims = claims == null ? List.of() : List.copyOf(claims);
    replicates = replicates == null ? List.of() : List.copyOf(replicates);
  }

  /**
   * The replicate groups: {@link #replicates}, or for a metrics.json from before replicates were
   * recorded, one group per cell.
   */
  public List<ReplicateGroup> groups() {
    return replicates.isEmpty()
        ? cells.stream().map(c -> Replicates.aggregate(c.id(), List.of(c))).toList()
        : replicates;
  }
}
