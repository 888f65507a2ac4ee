package org.delvm.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run of a plan produced: what the report shows and metrics.json stores.
 *
 * @param plan the plan's name
 * @param startedAt ISO-8601 start time
 * @param wallSeconds wall time of the whole run
 * @param environment machine, JVM and backend facts, for reading timings
 * @param claims the paper's claims checked against the cells' results (empty when the plan states
 *     none; absent in a metrics.json from before claims existed)
 */
public record Reproduction(
    String plan,
    String planDescription,
    String startedAt,
    double wallSeconds,
    Map<String, String> environment,
    List<DatasetRecord> datasets,
    List<CellResult> cells,
    List<ClaimResult> claims) {

  public Reproduction {
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    datasets = List.copyOf(datasets);
    cells = List.copyOf(cells);
    claims = claims == null ? List.of() : List.copyOf(claims);
  }
}
