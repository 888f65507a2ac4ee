package org.delvm.benchmark.run;

import java.util.Locale;
import org.delvm.benchmark.cost.CostModel;

/**
 * The plan's time left, for progress lines: the cost model's estimate of the cells not yet run,
 * scaled by how far off it was on the cells this run has trained so far (a machine twice as busy
 * doubles the rest). Cells that turn out to be reused take no time, so before they are reached it
 * is an upper bound.
 */
final class PlanClock {

  private final double[] estimates;
  private final boolean[] finished;
  private final int workers;
  private double estimatedDone;
  private double actualDone;

  /**
   * @param estimates the cost model's seconds per cell, in plan order (0 for skipped cells)
   * @param workers cells that run at a time
   */
  PlanClock(double[] estimates, int workers) {
    this.estimates = estimates.clone();
    this.finished = new boolean[estimates.length];
    this.workers = Math.max(1, workers);
  }

  /** Records that cell {@code index} finished, in {@code seconds} if it {@code trained}. */
  synchronized void finished(int index, double seconds, boolean trained) {
    finished[index] = true;
    if (trained) {
      estimatedDone += estimates[index];
      actualDone += seconds;
    }
  }

  /** The estimate scaled by this run's speed so far: 1 until a cell has been trained. */
  synchronized double speed() {
    return estimatedDone > 0 && actualDone > 0 ? actualDone / estimatedDone : 1;
  }

  /** Seconds left for the cells not finished yet, shared among the workers. */
  synchronized double secondsLeft() {
    double left = 0;
    for (int i = 0; i < estimates.length; i++) {
      left += finished[i] ? 0 : estimates[i];
    }
    return left * speed() / workers;
  }

  /** E.g. {@code plan: at most 4 min left (cost model x1.3, from this run's cells)}. */
  synchronized String describe() {
    return "plan: at most "
        + CostModel.duration(secondsLeft())
        + " left"
        + (estimatedDone > 0
            ? String.format(Locale.ROOT, " (cost model x%.2g, from this run's cells)", speed())
            : " (cost model)");
  }
}
