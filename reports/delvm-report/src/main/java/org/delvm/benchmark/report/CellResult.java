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
 * @param series the curve this cell belongs to in its experiment's plot (e.g. {@code SM-DELVM})
 * @param coordinates where the cell sits on the experiment's sweep axes (e.g. hidden units 2048,
 *     layers 1); the report plots the metrics against them
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
    List<MetricResult> metrics,
    String series,
    Map<String, Double> coordinates) {

  public CellResult {
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    epochLosses = List.copyOf(epochLosses);
    metrics = List.copyOf(metrics);
    series = series == null ? "" : series;
    coordinates =
        coordinates == null
            ? Map.of()
            : Collections.unmodifiableMap(new LinkedHashMap<>(coordinates));
  }

  /** This result with other metrics (e.g. seed aggregates added). */
  public CellResult withMetrics(List<MetricResult> newMetrics) {
    return new CellResult(
        id,
        experiment,
        dataset,
        model,
        objective,
        settings,
        seed,
        status,
        message,
        trainSeconds,
        samplesPerSecond,
        epochLosses,
        newMetrics,
        series,
        coordinates);
  }

  /** This result placed on another plot series and coordinates. */
  public CellResult withPlot(String newSeries, Map<String, Double> newCoordinates) {
    return new CellResult(
        id,
        experiment,
        dataset,
        model,
        objective,
        settings,
        seed,
        status,
        message,
        trainSeconds,
        samplesPerSecond,
        epochLosses,
        metrics,
        newSeries,
        newCoordinates);
  }
}
