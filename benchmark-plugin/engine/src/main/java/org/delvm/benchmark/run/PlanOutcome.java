package org.delvm.benchmark.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.delvm.benchmark.report.CellStatus;
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
    return failed(cells);
  }

  /** A table of the cells, one line each (see {@link #summary(List)}). */
  public List<String> summary() {
    return summary(cells);
  }

  /** The ids of the cells that had no valid stored result (report goal, gather), in plan order. */
  public List<String> notRun() {
    return cells.stream()
        .map(CellOutcome::result)
        .filter(c -> c.status() == CellStatus.NOT_RUN)
        .map(c -> c.id())
        .toList();
  }

  /** How many of the cells failed (an exception, not a divergence). */
  public static long failed(List<CellOutcome> cells) {
    return cells.stream().filter(c -> c.result().status() == CellStatus.FAILED).count();
  }

  /**
   * A table of the cells, one line each: id, status, main metric (F1 or accuracy), seconds, and
   * whether it was reused.
   */
  public static List<String> summary(List<CellOutcome> cells) {
    int width = cells.stream().mapToInt(c -> c.result().id().length()).max().orElse(4);
    String row = "%-" + Math.max(width, 4) + "s  %-9s  %-14s  %9s  %s";
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(Locale.ROOT, row, "cell", "status", "main metric", "seconds", "result"));
    for (CellOutcome c : cells) {
      lines.add(
          String.format(
              Locale.ROOT,
              row,
              c.result().id(),
              c.result().status(),
              c.mainMetric(),
              String.format(Locale.ROOT, "%.1f", c.stored().seconds()),
              c.reused() ? "reused (" + c.stored().finishedAt() + ")" : "new"));
    }
    return lines;
  }
}
