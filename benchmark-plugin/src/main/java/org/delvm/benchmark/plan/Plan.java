package org.delvm.benchmark.plan;

import java.util.List;

/**
 * A declarative, versioned description of what to reproduce: a list of independent cells.
 *
 * @param name the plan's name, e.g. {@code default}
 * @param description one line for the report
 */
public record Plan(String name, String description, List<Cell> cells) {

  public Plan {
    cells = List.copyOf(cells);
  }
}
