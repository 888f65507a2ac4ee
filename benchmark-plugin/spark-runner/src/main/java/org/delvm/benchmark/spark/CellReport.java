package org.delvm.benchmark.spark;

import java.io.Serializable;
import java.util.Locale;

/**
 * What a cell's task reports back to the driver; the result itself is in the results location.
 *
 * @param status {@code completed}, {@code diverged}, {@code failed}, {@code skipped} or {@code
 *     reused}
 * @param message the engine's message (the error of a failed cell), or null
 * @param mainMetric e.g. {@code F1 93.62}, or {@code -}
 * @param seconds the cell's wall time on its executor
 * @param resultFile the stored result relative to the results location, or null when nothing was
 *     stored (a skipped cell)
 */
record CellReport(
    String cellId,
    String status,
    String message,
    String mainMetric,
    double seconds,
    String resultFile)
    implements Serializable {

  static final String REUSED = "reused";

  boolean failed() {
    return status.equals("failed");
  }

  /** One row of the driver's table. */
  String row(int width) {
    return String.format(
        Locale.ROOT,
        "%-" + Math.max(width, 4) + "s  %-9s  %-14s  %9.1f",
        cellId,
        status,
        mainMetric,
        seconds);
  }
}
