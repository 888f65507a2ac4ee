package org.delvm.benchmark.cost;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bytedeco.javacpp.Pointer;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.ModelKind;

/**
 * A lower bound of the memory a cell needs, checked before it trains so that a network too large
 * for this machine becomes a failed cell with a clear message instead of an OutOfMemoryError midway
 * (or the JVM's death). Counted as floats in ND4J's off-heap memory: the weights four times
 * (weights, gradients, Adam's two moments) and one batch's activations of every layer (a CNN's as
 * im2col columns, its largest buffer). The true need is higher, so only cells that cannot fit even
 * by this bound are refused; everything else is guarded by catching the error around the cell.
 */
public final class MemoryEstimate {

  private static final double GIB = 1024.0 * 1024 * 1024;

  private MemoryEstimate() {}

  /** Bytes the cell needs at least; saturates instead of overflowing. */
  public static double bytes(Cell cell) {
    if (ModelKind.of(cell.model()).orElseThrow() == ModelKind.VAE) {
      return 0; // a few thousand weights
    }
    boolean cnn = ModelKind.of(cell.model()).orElseThrow().convolutional();
    int side = cell.dataset().startsWith("cifar10") ? 32 : 28;
    double pixels = cnn ? (double) side * side : 1;
    double previous = cnn ? (cell.dataset().startsWith("cifar10") ? 3 : 1) : 140;
    double weights = 0;
    double activations = previous * pixels;
    List<Integer> widths = cell.hiddenUnits();
    for (int l = 0; l < widths.size(); l++) {
      double fanIn = cnn ? previous * cell.kernels().get(l) * cell.kernels().get(l) : previous;
      weights += (fanIn + 1) * widths.get(l);
      activations += widths.get(l) * pixels + (cnn ? fanIn * pixels : 0);
      previous = widths.get(l);
    }
    return Float.BYTES * (4 * weights + (double) cell.batchSize() * activations);
  }

  /** Off-heap bytes ND4J may still allocate: JavaCPP's limit less what it holds now. */
  public static double available() {
    long max = Pointer.maxBytes();
    return max > 0 ? max - Pointer.totalBytes() : Runtime.getRuntime().maxMemory();
  }

  /** Why the cell cannot run here; empty when it may. */
  public static Optional<String> refusal(Cell cell, double available) {
    double needed = bytes(cell);
    if (needed <= available) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            Locale.ROOT,
            "not run: the network %s with batch %d needs at least %.1f GiB (weights, gradients,"
                + " Adam's moments and one batch's activations), but only %.1f GiB of off-heap"
                + " memory is free. Make hiddenUnits or batchSize smaller, or raise"
                + " -Dorg.bytedeco.javacpp.maxbytes (and -Xmx) in .mvn/jvm.config.",
            cell.hiddenUnits(),
            cell.batchSize(),
            needed / GIB,
            available / GIB));
  }
}
