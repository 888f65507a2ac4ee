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
  private double estimatedDone;
  private double actualDone;

  /**
   * @param estimates the cost model's seconds per cell, in plan order (0 for skipped cells)
   */
  PlanClock(double[] estimates) {
    this.estimates = estimates.clone();
  }

  /** Records that cell {@code index} ran in {@code seconds} (trained, not reused). */
  void trained(int index, double seconds) {
    estimatedDone += estimates[index];
    actualDone += seconds;
  }

  /** The estimate scaled by this run's speed so far: 1 until a cell has been trained. */
  double speed() {
    return estimatedDone > 0 && actualDone > 0 ? actualDone / estimatedDone : 1;
  }

  /** Seconds left when cell {@code index} is about to run (it included). */
  double secondsLeft(int index) {
    double left = 0;
    for (int i = index; i < estimates.length; i++) {
      left += estimates[i];
    }
    return left * speed();
  }

  /** E.g. {@code plan: at most 4 min left (cost model x1.3, from this run's cells)}. */
  String describe(int index) {
    return "plan: at most "
        + CostModel.duration(secondsLeft(index))
        + " left"
        + (estimatedDone > 0
            ? String.format(Locale.ROOT, " (cost model x%.2g, from this run's cells)", speed())
            : " (cost model)");
  }
}
