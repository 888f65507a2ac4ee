package org.delvm.benchmark.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A wall-clock limit on one cell ({@code -Ddelvm.cellTimeout}), so that a cell far slower than its
 * plan expected (a hung machine, a setting gone wrong) fails with a reason instead of holding the
 * plan for days. Checked after every training epoch on the thread that trains the cell, so a cell
 * stops at the first epoch boundary past its limit.
 */
final class CellDeadline {

  /** Thrown from the training loop when the cell is past its limit; the cell then fails. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exceeded(String message) {
      super(message);
    }
  }

  private record Limit(Instant end, Duration limit) {}

  private static final ThreadLocal<Limit> CURRENT = new ThreadLocal<>();

  private CellDeadline() {}

  /** Starts the limit of the cell this thread is about to train; zero: no limit. */
  static void start(Duration limit) {
    if (limit.isZero()) {
      CURRENT.remove();
    } else {
      CURRENT.set(new Limit(Instant.now().plus(limit), limit));
    }
  }

  /** This thread's cell is done. */
  static void clear() {
    CURRENT.remove();
  }

  /** Throws {@link Exceeded} when this thread's cell is past its limit after {@code epoch}. */
  static void check(String cellId, int epoch) {
    Limit limit = CURRENT.get();
    if (limit != null && Instant.now().isAfter(limit.end())) {
      throw new Exceeded(
          String.format(
              Locale.ROOT,
              "stopped after epoch %d: the cell ran past its wall-clock limit of %d min"
                  + " (delvm.cellTimeout). Raise -Ddelvm.cellTimeout=<minutes> (0: no limit), or"
                  + " give %s fewer epochs or a smaller network",
              epoch,
              limit.limit().toMinutes(),
              cellId));
    }
  }
}
