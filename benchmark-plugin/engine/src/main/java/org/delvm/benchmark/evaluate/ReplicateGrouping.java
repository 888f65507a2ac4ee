package org.delvm.benchmark.evaluate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.ReplicateGroup;
import org.delvm.benchmark.report.stats.Replicates;

/**
 * Which cells are replicates of one another: cells whose definitions are equal but for id, seed and
 * split seed (a template's {@code seeds} and {@code splitSeeds} make them). Results without a plan
 * cell (baselines, controls) are groups of one. The aggregation itself is {@link Replicates}'.
 */
public final class ReplicateGrouping {

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private ReplicateGrouping() {}

  /**
   * The groups of {@code results}, whose first {@code cells.size()} entries are the results of
   * {@code cells} in order; in the order of their first member.
   */
  public static List<ReplicateGroup> groups(List<Cell> cells, List<CellResult> results) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < results.size(); i++) {
      String key = i < cells.size() ? replicateKey(cells.get(i)) : "result:" + results.get(i).id();
      byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    List<ReplicateGroup> groups = new ArrayList<>();
    for (List<Integer> members : byKey.values()) {
      List<CellResult> memberResults = members.stream().map(results::get).toList();
      groups.add(Replicates.aggregate(groupId(memberResults), memberResults));
    }
    return groups;
  }

  /**
   * A group's id: a lone cell's own id; for several replicates, the first one's id without its
   * replicate suffixes ({@code -seed<n>}, {@code -split<n>}).
   */
  static String groupId(List<CellResult> members) {
    String first = members.get(0).id();
    return members.size() == 1 ? first : first.replaceAll("(-(seed|split)-?\\d+)+$", "");
  }

  /** The cell's definition without its id, seed and split seed, as canonical JSON. */
  static String replicateKey(Cell cell) {
    ObjectNode definition = CANONICAL.valueToTree(cell);
    definition.remove(List.of("id", "seed", "splitSeed"));
    try {
      return CANONICAL.writeValueAsString(definition);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A plan cell cannot be serialised: " + cell, e);
    }
  }
}
