package org.delvm.benchmark.cost;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.ModelKind;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.run.ImageDatasets;
import org.delvm.benchmark.run.Reproducer;
import org.delvm.benchmark.run.VaeCellRunner;

/**
 * A rough estimate of a cell's training time, printed before a plan starts: epochs x training
 * samples x seconds per sample, where seconds per sample = passes x ({@link #PER_PASS} + {@link
 * #PER_MAC} x multiply-adds of one forward pass of f). The passes per sample depend on the
 * objective: one-layer {@code sm}: 4 (closed form); deeper {@code sm}: d + 2 (d forward-mode
 * passes, d the input size); {@code cd}: k + 2; {@code ssm}: projections + 2; {@code pcd-langevin}:
 * sgldSteps + 2; others: 3. The two constants were fitted to two exact deep {@code sm} runs on
 * ECG5000 (2048 x 2 and 512 x 4 units) on a 2-core CPU (ND4J, OpenBLAS); other machines differ,
 * one-layer cells are overestimated up to about 2x, and the estimate leaves out evaluation and
 * start-up. Convolutional cells count C k^2 F H W multiply-adds per layer at {@link #PER_CONV_MAC},
 * measured on the one-layer Fashion-MNIST benchmark (70 filters 5 x 5: 2.2 ms per sample for exact
 * sm).
 */
public final class CostModel {

  /** Seconds per sample and pass that do not grow with the network (op dispatch, batching). */
  static final double PER_PASS = 3.8e-5;

  /** Seconds per multiply-add of a pass of f. */
  static final double PER_MAC = 5.4e-11;

  /** Seconds per multiply-add of a convolution (ND4J's CPU convolutions are slower than GEMM). */
  static final double PER_CONV_MAC = 4.0e-10;

  /** Seconds per sample and epoch of the VAE paper's small network (a training step / batch). */
  static final double PER_VAE_SAMPLE = 2e-6;

  /**
   * ECG5000 training beats per protocol, as the splits come out (project: exactly 1639; the 80 %
   * parts: about 58 % normal and 42 % abnormal of 4000 beats). Planning must not need the data: a
   * shard's share is computed on machines that may lack some datasets, and must be the same on all.
   */
  private static final Map<String, Integer> ECG_TRAINING_BEATS =
      Map.of("project", 1639, "tf-tutorial", 2335, "paper-as-run", 1665);

  private CostModel() {}

  /**
   * The cell's estimated seconds from its definition alone (the training set's nominal size), the
   * same on every machine: what shards, dry runs and their schedules use.
   */
  public static double planned(Cell cell) {
    int samples;
    if (PlanLoader.GENERATED.contains(cell.dataset())) {
      samples = VaeCellRunner.POINTS;
    } else if (ImageDatasets.isImageDataset(cell.dataset())) {
      samples = cell.images().trainImages();
    } else {
      samples = ECG_TRAINING_BEATS.get(Reproducer.protocol(cell).id());
    }
    return seconds(cell, samples);
  }

  public static double seconds(Cell cell, int trainingSamples) {
    if (ModelKind.of(cell.model()).orElseThrow() == ModelKind.VAE) {
      return (double) cell.epochs() * trainingSamples * PER_VAE_SAMPLE;
    }
    boolean cnn = ModelKind.of(cell.model()).orElseThrow().convolutional();
    int channels = cell.dataset().startsWith("cifar10") ? 3 : 1;
    int pixels = cell.dataset().startsWith("cifar10") ? 32 * 32 : 28 * 28;
    int inputSize = cnn ? channels * pixels : 140;
    List<Integer> widths = cell.hiddenUnits();
    double macs = 0;
    int previous = cnn ? channels : inputSize;
    for (int l = 0; l < widths.size(); l++) {
      int w = widths.get(l);
      macs +=
          cnn
              ? (double) previous * cell.kernels().get(l) * cell.kernels().get(l) * w * pixels
              : (double) previous * w;
      previous = w;
    }
    double passes =
        switch (cell.objective()) {
          case "sm", "sm-printed" -> widths.size() == 1 ? 4 : inputSize + 2;
          case "cd" -> option(cell, "k", 1) + 2;
          case "ssm" -> option(cell, "projections", 1) + 2;
          case "pcd-langevin" -> option(cell, "sgldSteps", 60) + 2;
          // Two energies (data, flow samples) and the flow in both directions.
          case "fce" -> 6;
          default -> 3;
        };
    return (double) cell.epochs()
        * trainingSamples
        * passes
        * (PER_PASS + (cnn ? PER_CONV_MAC : PER_MAC) * macs);
  }

  /** E.g. "predicted 3.5 h of training (cost model)", for a plan or a shard of one. */
  public static String describePlanned(Plan plan) {
    return "predicted "
        + duration(plan.cells().stream().mapToDouble(CostModel::planned).sum())
        + " of training (cost model)";
  }

  /** "estimated 12 min of training (cost model: ...)". */
  public static String describe(double seconds) {
    return "estimated "
        + duration(seconds)
        + " of training for every cell, reused ones included (cost model: epochs x samples x"
        + " measured seconds per sample on a 2-core CPU; a rough guide)";
  }

  /** Seconds as "45 s", "12 min" or "3.5 h". */
  public static String duration(double seconds) {
    return seconds < 120
        ? String.format(Locale.ROOT, "%.0f s", seconds)
        : seconds < 7200
            ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
            : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }

  private static int option(Cell cell, String name, int fallback) {
    Object value = cell.objectiveOptions().get(name);
    return value instanceof Number n ? n.intValue() : fallback;
  }
}
