package org.delvm.benchmark.plan;

import java.util.List;

/**
 * The largest values a plan may ask for. Each bound is orders of magnitude above the paper's
 * full-scale settings (2048 hidden units, 200 epochs, batch 100, 60000 training images, 70 filters)
 * and well below what makes sizes overflow an {@code int} or a sweep hang; a plan beyond one is a
 * typo or an attack, refused before anything runs.
 */
public final class PlanBounds {

  /** Cells of one plan after every sweep and seed is expanded. */
  public static final int MAX_CELLS = 100_000;

  /** Units (or filters) of one layer. */
  public static final int MAX_WIDTH = 65_536;

  /** Hidden layers of one network. */
  public static final int MAX_LAYERS = 64;

  /** Training epochs, of the model and of the probe or pre-training. */
  public static final int MAX_EPOCHS = 100_000;

  public static final int MAX_BATCH_SIZE = 1_000_000;

  /** Images of a subset; CIFAR-10's pooled train and test sets hold 60000. */
  public static final int MAX_IMAGES = 1_000_000;

  /** Adam's learning rate: above this every network diverges in the first step. */
  public static final double MAX_LEARNING_RATE = 10;

  /** Weights of one network: 2^28 floats are 1 GiB, times four with Adam's state. */
  public static final long MAX_PARAMETERS = 1L << 28;

  private PlanBounds() {}

  /** Adds a problem when {@code value} lies outside [min, max]. */
  static void require(List<String> problems, String what, Number value, long min, long max) {
    if (value != null && (value.longValue() < min || value.longValue() > max)) {
      problems.add(what + " must lie in [" + min + ", " + max + "], got " + value);
    }
  }

  /** Adds a problem for each learning rate outside (0, {@link #MAX_LEARNING_RATE}]. */
  static void requireLearningRates(List<String> problems, String what, List<Double> rates) {
    if (rates == null) {
      return;
    }
    if (rates.isEmpty()
        || rates.stream().anyMatch(r -> r == null || !(r > 0) || r > MAX_LEARNING_RATE)) {
      problems.add(what + " must be positive and at most " + MAX_LEARNING_RATE + ", got " + rates);
    }
  }

  /**
   * Weights of an MLP of the given widths on inputs of {@code inputs} values, or of a CNN's filters
   * (kernel k: k x k x channels-in per filter); {@link Long#MAX_VALUE} when the count overflows.
   */
  static long parameters(int inputs, List<Integer> widths, List<Integer> kernels) {
    try {
      long total = 0;
      long in = inputs;
      for (int i = 0; i < widths.size(); i++) {
        long fanIn =
            kernels == null ? in : Math.multiplyExact(in, (long) kernels.get(i) * kernels.get(i));
        total = Math.addExact(total, Math.multiplyExact(fanIn + 1, (long) widths.get(i)));
        in = widths.get(i);
      }
      return total;
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }
}
