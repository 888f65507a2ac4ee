package org.delvm.benchmark.spark;

import java.io.Serializable;
import java.util.List;

/**
 * A plan as the Spark runner ships it: its name (the results folder), description and cells.
 *
 * @param cells in plan order
 */
record PlanCells(String name, String description, List<CellSpec> cells) implements Serializable {

  PlanCells {
    cells = List.copyOf(cells);
  }

  /**
   * The plan restricted to the cells with these ids, in plan order (all when {@code ids} is empty),
   * under the same name: their results land where the whole plan's do.
   */
  PlanCells only(List<String> ids) {
    if (ids.isEmpty()) {
      return this;
    }
    java.util.Set<String> known =
        cells.stream().map(CellSpec::id).collect(java.util.stream.Collectors.toSet());
    List<String> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--cells names cells that plan "
              + name
              + " does not have: "
              + String.join(", ", unknown)
              + ". Give ids of its expanded cells (with their seed suffix, e.g. -seed1), as the"
              + " report and the results directory name them.");
    }
    return new PlanCells(
        name, description, cells.stream().filter(c -> ids.contains(c.id())).toList());
  }
}
