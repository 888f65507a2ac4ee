package org.delvm.benchmark.models.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.objectives.Objective;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * Mini-batch training with Adam. The data order is shuffled each epoch by {@link Random} with the
 * settings' seed, so the same seed on the same machine gives bit-identical weights. Batches are
 * gathered into reused buffers.
 */
public final class ModelTrainer {

  /** One progress line per epoch, for logs. */
  public record EpochProgress(
      int epoch, int epochs, double loss, double samplesPerSecond, double seconds) {}

  private final TrainingSettings settings;
  private final Consumer<EpochProgress> progress;
  private int diagnosticRows;

  public ModelTrainer(TrainingSettings settings, Consumer<EpochProgress> progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Also measures {@link EpochDiagnostics} after every epoch on the first {@code rows} training
   * rows (DELVMs only; other models get none). Costs about 25 forward passes over those rows per
   * epoch.
   */
  public ModelTrainer withDiagnostics(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("diagnostic rows must be >= 1, got " + rows);
    }
    this.diagnosticRows = rows;
    return this;
  }

  /** Trains the model in place on the rows of {@code data} (n x d). */
  public TrainingResult train(EnergyModel model, Objective objective, INDArray data) {
    if (data.columns() != model.inputSize() || data.dataType() != model.dataType()) {
      throw new IllegalArgumentException(
          "training data must be n x "
              + model.inputSize()
              + " of type "
              + model.dataType()
              + ", got "
              + java.util.Arrays.toString(data.shape())
              + " of type "
              + data.dataType());
    }
    int n = (int) data.rows();
    if (n == 0) {
      throw new IllegalArgumentException("training data is empty");
    }
    int batchSize = Math.min(settings.batchSize(), n);
    // A full-batch step and, when n is not a multiple of the batch size, one for the last batch.
    Objective.TrainingStep fullStep =
        objective.prepare(new Objective.Context(model, batchSize, data, settings.seed()));
    Objective.TrainingStep lastStep =
        n % batchSize == 0
            ? null
            : objective.prepare(
                new Objective.Context(model, n % batchSize, data, settings.seed() + 1));
    List<Parameter> parameters = fullStep.parameters();
    Optimiser optimiser = optimiser(parameters);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(settings.seed());
    List<Double> epochLosses = new ArrayList<>();
    List<EpochDiagnostics> diagnostics = new ArrayList<>();
    DelvmDiagnostics probe =
        diagnosticRows > 0 && model instanceof Delvm delvm
            ? new DelvmDiagnostics(
                delvm,
                data.get(
                        org.nd4j.linalg.indexing.NDArrayIndex.interval(
                            0, Math.min(diagnosticRows, n)),
                        org.nd4j.linalg.indexing.NDArrayIndex.all())
                    .dup(),
                settings.seed())
            : null;
    long start = System.nanoTime();
    int iteration = 0;
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      long epochStart = System.nanoTime();
      shuffle(order, random);
      double lossSum = 0;
      for (int from = 0; from < n; from += batchSize) {
        int rows = Math.min(batchSize, n - from);
        Objective.TrainingStep step = rows == batchSize ? fullStep : lastStep;
        Nd4j.pullRows(
            data, step.batch(), 1, java.util.Arrays.copyOfRange(order, from, from + rows));
        double loss = step.run();
        if (!Double.isFinite(loss) || Math.abs(loss) > settings.divergenceLoss()) {
          return stopped(
              epochLosses, diagnostics, start, epoch, n, "loss " + loss + " at epoch " + epoch);
        }
        lossSum += loss * rows;
        optimiser.update(iteration, epoch - 1);
        iteration++;
      }
      if (!parametersFinite(parameters)) {
        return stopped(
            epochLosses, diagnostics, start, epoch, n, "non-finite weights after epoch " + epoch);
      }
      epochLosses.add(lossSum / n);
      if (probe != null) {
        diagnostics.add(probe.measure(epoch));
      }
      double epochSeconds = (System.nanoTime() - epochStart) / 1e9;
      progress.accept(
          new EpochProgress(
              epoch, settings.epochs(), lossSum / n, n / epochSeconds, elapsed(start)));
    }
    double seconds = elapsed(start);
    return new TrainingResult(
        TrainingResult.Status.COMPLETED,
        List.copyOf(epochLosses),
        epochLosses.size(),
        seconds,
        (double) n * settings.epochs() / seconds,
        "",
        List.copyOf(diagnostics));
  }

  /**
   * The optimiser {@link #train} uses: Adam with this trainer's learning rate per layer, over the
   * given parameters, with its own state. Exposed so that benchmarks time exactly the training's
   * per-batch work: {@code step.run()} followed by {@link Optimiser#update}.
   */
  public Optimiser optimiser(List<Parameter> parameters) {
    List<AdamUpdater> updaters = new ArrayList<>();
    for (Parameter p : parameters) {
      updaters.add(adamFor(p));
    }
    return new Optimiser(List.copyOf(parameters), List.copyOf(updaters));
  }

  /** Adam state for a fixed list of parameters; updates them in place from their gradients. */
  public static final class Optimiser {
    private final List<Parameter> parameters;
    private final List<AdamUpdater> updaters;

    private Optimiser(List<Parameter> parameters, List<AdamUpdater> updaters) {
      this.parameters = parameters;
      this.updaters = updaters;
    }

    /**
     * One Adam step from the gradients the last {@link Objective.TrainingStep#run()} wrote; the
     * gradient buffers are overwritten with the applied update.
     *
     * @param iteration the number of updates before this one (Adam's bias correction)
     * @param epoch zero-based epoch (for learning-rate schedules)
     */
    public void update(int iteration, int epoch) {
      for (int p = 0; p < parameters.size(); p++) {
        INDArray gradient = parameters.get(p).gradient();
        updaters.get(p).applyUpdater(gradient, iteration, epoch);
        parameters.get(p).value().subi(gradient);
      }
    }
  }

  private AdamUpdater adamFor(Parameter p) {
    Adam config = new Adam(settings.learningRate(p.layer()));
    AdamUpdater updater = new AdamUpdater(config);
    long length = p.value().length();
    INDArray state = Nd4j.zeros(p.value().dataType(), 1, config.stateSize(length));
    updater.setStateViewArray(state, p.value().shape(), 'c', true);
    return updater;
  }

  private TrainingResult stopped(
      List<Double> epochLosses,
      List<EpochDiagnostics> diagnostics,
      long start,
      int epoch,
      int n,
      String reason) {
    double seconds = elapsed(start);
    return new TrainingResult(
        TrainingResult.Status.DIVERGED,
        List.copyOf(epochLosses),
        epochLosses.size(),
        seconds,
        (double) n * (epoch - 1) / Math.max(seconds, 1e-9),
        "diverged: " + reason + "; last good epoch " + epochLosses.size(),
        List.copyOf(diagnostics));
  }

  private static boolean parametersFinite(List<Parameter> parameters) {
    for (Parameter p : parameters) {
      if (!Double.isFinite(p.value().sumNumber().doubleValue())) {
        return false;
      }
    }
    return true;
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  private static double elapsed(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
