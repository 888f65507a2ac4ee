package org.delvm.benchmark.reproduction;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.delvm.benchmark.report.Reproduction;

/**
 * What a run of a plan produced.
 *
 * @param reproduction everything the report shows
 * @param report the written index.html
 * @param cells each cell's outcome, in plan order
 */
public record PlanOutcome(Reproduction reproduction, Path report, List<CellOutcome> cells) {

  public PlanOutcome {
    cells = List.copyOf(cells);
  }

  /** How many cells failed (an exception, not a divergence). */
  public long failed() {
    return cells.stream().filter(c -> c.result().status().equals("failed")).count();
  }

  /** A table of the cells, one line each: id, status, F1, seconds, and whether it was reused. */
  public List<String> summary() {
    int width = cells.stream().mapToInt(c -> c.result().id().length()).max().orElse(4);
    String row = "%-" + Math.max(width, 4) + "s  %-9s  %6s  %9s  %s";
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, row, "cell", "status", "F1", "seconds", "result"));
    for (CellOutcome c : cells) {
      double f1 = c.f1();
      lines.add(
          String.format(
              Locale.ROOT,
              row,
              c.result().id(),
              c.result().status(),
              Double.isNaN(f1) ? "-" : String.format(Locale.ROOT, "%.2f", f1),
              String.format(Locale.ROOT, "%.1f", c.stored().seconds()),
              c.reused() ? "reused (" + c.stored().finishedAt() + ")" : "new"));
    }
    return lines;
  }
}
