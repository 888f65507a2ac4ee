package org.delvm.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell of a plan (dataset x model x objective x settings x seed) and what came out of it.
 *
 * @param experiment the paper's figure, table or section the cell reproduces
 * @param status {@code completed}, {@code diverged} or {@code failed}
 * @param message why a cell did not complete, or empty
 */
public record CellResult(
    String id,
    String experiment,
    String dataset,
    String model,
    String objective,
    Map<String, String> settings,
    long seed,
    String status,
    String message,
    double trainSeconds,
    double samplesPerSecond,
    List<Double> epochLosses,
    List<MetricResult> metrics) {

  public CellResult {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    epochLosses = List.copyOf(epochLosses);
    metrics = List.copyOf(metrics);
  }
}
