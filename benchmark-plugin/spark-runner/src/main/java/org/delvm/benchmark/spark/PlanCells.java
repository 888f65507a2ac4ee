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
}
