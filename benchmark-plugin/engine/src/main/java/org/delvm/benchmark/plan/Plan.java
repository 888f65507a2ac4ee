package org.delvm.benchmark.plan;

import java.util.List;

/**
 * A declarative, versioned description of what to reproduce: a list of independent cells, and the
 * paper's claims to check against their results. {@link PlanLoader} reads one from a plan file.
 *
 * @param name the plan's name, e.g. {@code default}
 * @param description one line for the report
 * @param cells the resolved cells, in plan order
 * @param claims the paper's claims, checked after the run (may be empty)
 */
public record Plan(String name, String description, List<Cell> cells, List<Claim> claims) {

  public Plan {
    cells = List.copyOf(cells);
    claims = claims == null ? List.of() : List.copyOf(claims);
  }

  /** A plan without claims. */
  public Plan(String name, String description, List<Cell> cells) {
    this(name, description, cells, List.of());
  }
}
