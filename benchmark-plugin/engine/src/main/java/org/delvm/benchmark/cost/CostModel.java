package org.delvm.benchmark.cost;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.EvaluationKind;
import org.delvm.benchmark.plan.ModelKind;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.run.ImageDatasets;
import org.delvm.benchmark.run.Reproducer;
import org.delvm.benchmark.run.VaeCellRunner;

/**
 * A cell's predicted wall time on one core ({@code -Ddelvm.threads=1}), printed before a plan
 * starts, used to order and shard cells and compared with the measured time in the report:
 *
 * <pre>
 * overhead + epochs x training samples x passes x (a x layers + b x multiply-adds of one pass of f)
 *          + for feature learning: the probe, c x images x features x probe epochs
 * </pre>
 *
 * The passes per sample depend on the objective: one-layer {@code sm}: 4 (closed form); deeper
 * {@code sm}: d + 2 (d forward-mode passes, d the input size); {@code cd}: k + 2; {@code ssm}:
 * projections + 2; {@code pcd-langevin}: sgldSteps + 2; {@code fce}: 6; others: 3. A convolution
 * counts C k^2 F H W multiply-adds per layer. The per-sample constants a and b are one pair per
 * kind of training step ({@link Step}); they, the overhead and c were fitted (least squares on the
 * log of measured over predicted) to the 108 completed cells of a serial, idle run of the default
 * plan on one thread of a 2-core AMD EPYC (2026-12-07; docs/scale.md, "The cost model"): 81 cells
 * within 25 %, 23 of the 26 cells of 10 s or more, median measured/predicted 1.02. Identical cells
 * of that run differed by up to 2x (2.5 to 5.5 s), so a cell of a few seconds cannot be predicted
 * closer. Other machines differ by their speed; the CIFAR-10 cells were not in the fit.
 */
public final class CostModel {

  /**
   * A kind of training step, with its seconds per sample and pass: {@code perLayer} per layer of f
   * (op dispatch, element-wise passes), {@code perMultiplyAdd} per multiply-add of a pass of f.
   */
  enum Step {
    /** One ReLU layer trained by {@code sm}: the closed-form step. */
    DENSE_SM_CLOSED_FORM(4.44e-7, 8.13e-11),
    /** Deeper {@code sm} (forward-mode passes), and the DEM's. */
    DENSE_SM(2.74e-6, 5.30e-11),
    /** The autoencoders, by reconstruction. */
    AUTOENCODER(3.65e-6, 1.49e-10),
    /** Dense networks by any other objective ({@code cd}, {@code ssm}, {@code nce}, ...). */
    DENSE(6.80e-6, 2.35e-10),
    /** CEBMs by persistent SGLD, dense or convolutional. */
    CEBM(1.06e-5, 3.15e-10),
    /** One ReLU convolution trained by {@code sm}: the closed-form step (b from its benchmark). */
    CONVOLUTION_SM_CLOSED_FORM(8.03e-5, 8.2e-11),
    /** Convolutional networks by any other objective or depth. */
    CONVOLUTION(1.18e-5, 5.91e-10);

    final double perLayer;
    final double perMultiplyAdd;

    Step(double perLayer, double perMultiplyAdd) {
      this.perLayer = perLayer;
      this.perMultiplyAdd = perMultiplyAdd;
    }

    static Step of(Cell cell, boolean convolutional) {
      boolean sm = cell.objective().equals("sm") || cell.objective().equals("sm-printed");
      boolean oneLayer = cell.hiddenUnits().size() == 1;
      if (cell.objective().equals("pcd-langevin")) {
        return CEBM;
      } else if (convolutional) {
        return sm && oneLayer && cell.model().equals("delvm-cnn")
            ? CONVOLUTION_SM_CLOSED_FORM
            : CONVOLUTION;
      } else if (sm && oneLayer && cell.model().equals("delvm-mlp")) {
        return DENSE_SM_CLOSED_FORM;
      } else if (cell.objective().equals("reconstruction")) {
        return AUTOENCODER;
      }
      return sm ? DENSE_SM : DENSE;
    }
  }

  /** Seconds of every cell besides training: model set-up, evaluation of a dense model, storing. */
  static final double PER_CELL = 0.458;

  /** Seconds per image, feature and epoch of a feature-learning cell's softmax probe. */
  static final double PER_PROBE_FEATURE = 9.82e-9;

  /** Seconds per sample and epoch of the VAE paper's small network. */
  static final double PER_VAE_SAMPLE = 3.19e-6;

  /**
   * ECG5000 training beats per protocol, as the splits come out (project: exactly 1639; the 80 %
   * parts: about 58 % normal and 42 % abnormal of 4000 beats). Planning must not need the data: a
   * shard's share is computed on machines that may lack some datasets, and must be the same on all.
   */
  private static final Map<String, Integer> ECG_TRAINING_BEATS =
      Map.of("project", 1639, "tf-tutorial", 2335, "paper-as-run", 1665);

  private CostModel() {}

  /**
   * The cell's predicted seconds from its definition alone (the training set's nominal size), the
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

  /** The cell's predicted seconds with this many training samples. */
  public static double seconds(Cell cell, int trainingSamples) {
    if (ModelKind.of(cell.model()).orElseThrow() == ModelKind.VAE) {
      return PER_CELL + (double) cell.epochs() * trainingSamples * PER_VAE_SAMPLE;
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
    Step step = Step.of(cell, cnn);
    double training =
        (double) cell.epochs()
            * trainingSamples
            * passes(cell, inputSize)
            * (step.perLayer * widths.size() + step.perMultiplyAdd * macs);
    return PER_CELL + training + probe(cell, trainingSamples, (double) previous * pixels);
  }

  /** Forward and backward passes of f per training sample. */
  private static int passes(Cell cell, int inputSize) {
    return switch (cell.objective()) {
      case "sm", "sm-printed" -> cell.hiddenUnits().size() == 1 ? 4 : inputSize + 2;
      case "cd" -> option(cell, "k", 1) + 2;
      case "ssm" -> option(cell, "projections", 1) + 2;
      case "pcd-langevin" -> option(cell, "sgldSteps", 60) + 2;
      // Two energies (data, flow samples) and the flow in both directions.
      case "fce" -> 6;
      default -> 3;
    };
  }

  /** The softmax probe of a feature-learning cell on its last layer's maps; 0 for other cells. */
  private static double probe(Cell cell, int trainingSamples, double features) {
    if (cell.evaluationKind() != EvaluationKind.FEATURES) {
      return 0;
    }
    int images = trainingSamples + cell.images().testImages();
    int epochs = cell.images().probeEpochs() == null ? 1 : Math.max(1, cell.images().probeEpochs());
    return PER_PROBE_FEATURE * images * features * epochs;
  }

  /** E.g. "predicted 3.5 h on one core (cost model)", for a plan or a shard of one. */
  public static String describePlanned(Plan plan) {
    return "predicted "
        + duration(plan.cells().stream().mapToDouble(CostModel::planned).sum())
        + " on one core (cost model)";
  }

  /** "estimated 12 min for every cell, ... (cost model: ...)". */
  public static String describe(double seconds) {
    return "estimated "
        + duration(seconds)
        + " for every cell, reused ones included (cost model: one core of a 2-core AMD EPYC,"
        + " fitted to the default plan's cells; a guide)";
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
