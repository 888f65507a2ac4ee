package org.delvm.benchmark.reproduction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;

/**
 * Mean and standard deviation over seeds. Cells that differ only in id and seed are replicates (a
 * template's {@code seeds} makes them); every replicate keeps its own metrics and gets, for each
 * metric of {@link #AGGREGATED}, two more: {@code "F1 (mean of 3 seeds)"} (carrying the paper's
 * value) and {@code "F1 (std of 3 seeds)"} (sample standard deviation, n - 1), over the completed
 * replicates. A cell without replicates is left as it is.
 */
final class SeedAggregation {

  static final List<String> AGGREGATED =
      List.of(
          "precision",
          "recall",
          "F1",
          "AUROC",
          "AUPRC",
          "accuracy",
          "RE",
          "KL",
          "(1+alpha) RE",
          "alpha KL",
          "alpha");

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private SeedAggregation() {}

  /** {@code results.get(i)} is the result of {@code cells.get(i)}. */
  static List<CellResult> apply(List<Cell> cells, List<CellResult> results) {
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      groups.computeIfAbsent(replicateKey(cells.get(i)), k -> new ArrayList<>()).add(i);
    }
    List<CellResult> out = new ArrayList<>(results);
    for (List<Integer> group : groups.values()) {
      if (group.size() < 2) {
        continue;
      }
      List<CellResult> completed =
          group.stream().map(results::get).filter(r -> r.status().equals("completed")).toList();
      if (completed.isEmpty()) {
        continue;
      }
      List<MetricResult> aggregates = aggregates(completed, cells.get(group.get(0)).paper());
      for (int i : group) {
        CellResult r = results.get(i);
        List<MetricResult> metrics = new ArrayList<>(r.metrics());
        metrics.addAll(aggregates);
        out.set(i, r.withMetrics(metrics));
      }
    }
    return out;
  }

  private static List<MetricResult> aggregates(
      List<CellResult> completed, Map<String, Double> paper) {
    int n = completed.size();
    String seeds = n + (n == 1 ? " seed" : " seeds");
    List<MetricResult> aggregates = new ArrayList<>();
    for (String name : AGGREGATED) {
      double[] values =
          completed.stream()
              .flatMap(r -> r.metrics().stream())
              .filter(m -> m.name().equals(name))
              .mapToDouble(MetricResult::value)
              .toArray();
      if (values.length != n) {
        continue;
      }
      double mean = 0;
      for (double v : values) {
        mean += v / n;
      }
      double squares = 0;
      for (double v : values) {
        squares += (v - mean) * (v - mean);
      }
      double std = n > 1 ? Math.sqrt(squares / (n - 1)) : Double.NaN;
      aggregates.add(
          new MetricResult(name + " (mean of " + seeds + ")", mean, paper.get(name), "%"));
      aggregates.add(new MetricResult(name + " (std of " + seeds + ")", std, null, "%"));
    }
    return aggregates;
  }

  /** The cell's definition without its id and seed, as canonical JSON. */
  static String replicateKey(Cell cell) {
    try {
      return CANONICAL.writeValueAsString(cell.withIdAndSeed(null, null));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A plan cell cannot be serialised: " + cell, e);
    }
  }
}
