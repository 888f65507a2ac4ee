package org.delvm.benchmark.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A declarative, versioned description of what to reproduce: a list of independent cells, and the
 * paper's claims to check against their results.
 *
 * @param name the plan's name, e.g. {@code default}
 * @param description one line for the report
 * @param claims the paper's claims, checked after the run (may be empty)
 */
public record Plan(String name, String description, List<Cell> cells, List<Claim> claims) {

  public Plan {
    // Null entries are kept (not refused here) so that the loader can name them as problems.
    cells = cells == null ? null : Collections.unmodifiableList(new ArrayList<>(cells));
    claims = claims == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(claims));
  }

  /** A plan without claims. */
  public Plan(String name, String description, List<Cell> cells) {
    this(name, description, cells, List.of());
  }
}
