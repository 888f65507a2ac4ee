package org.delvm.benchmark.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A plan as its file writes it: its cells are templates, not yet expanded nor validated. {@link
 * PlanLoader} makes a {@link Plan} of it.
 */
record PlanFile(String name, String description, List<CellTemplate> cells, List<Claim> claims) {

  PlanFile {
    // Null entries are kept (not refused here) so that the loader can name them as problems.
    cells = cells == null ? null : Collections.unmodifiableList(new ArrayList<>(cells));
    claims = claims == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(claims));
  }

  /**
   * This plan with every template run once per seed in {@code seeds} (its own seed or seeds
   * replaced); as written when {@code seeds} is empty.
   */
  PlanFile withSeeds(List<Long> seeds) {
    if (seeds.isEmpty() || cells == null) {
      return this;
    }
    return new PlanFile(
        name, description, cells.stream().map(c -> c.withSeeds(seeds)).toList(), claims);
  }
}
