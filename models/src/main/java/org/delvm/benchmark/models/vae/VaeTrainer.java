package org.delvm.benchmark.models.vae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link Vae} with Adam on eq. (6) or eq. (7). The network's Adam is {@link
 * ModelTrainer}'s optimiser; alpha has its own scalar Adam ({@link AlphaUpdate}), stepped after
 * every batch from the same batch's dL/dalpha. The data order is shuffled each epoch by {@link
 * Random} with the seed; the noise of each step comes from an ND4J generator seeded from it; the
 * graphs and batch buffers are built once per run.
 */
public final class VaeTrainer {

  /**
   * @param batchSize the paper does not give it; 100 (the project's batch) by default
   * @param learningRate Adam's rate for the network (not given by the paper; 1e-3, Adam's default)
   * @param alphaLearningRate Adam's rate for alpha (1e-3)
   * @param delta the KL bound of eq. (7), 0.1
   * @param alphaInitial 1, as in the paper
   */
  public record Settings(
      VaeObjective objective,
      int epochs,
      int batchSize,
      double learningRate,
      double alphaLearningRate,
      double delta,
      double alphaInitial,
      AlphaUpdate.Rule alphaRule,
      long seed) {

    public Settings {
      if (epochs < 0 || batchSize < 1 || !(learningRate > 0) || alphaInitial < 0) {
        throw new IllegalArgumentException("invalid VAE training settings " + this);
      }
    }

    /** The paper's setting (delta 0.1, alpha from 1) with the defaults above, dual ascent. */
    public static Settings paper(VaeObjective objective, int epochs, long seed) {
      return new Settings(
          objective, epochs, 100, 1e-3, 1e-3, 0.1, 1.0, AlphaUpdate.Rule.ASCENT_PROJECTED, seed);
    }

    public Settings withAlphaRule(AlphaUpdate.Rule rule) {
      return new Settings(
          objective,
          epochs,
          batchSize,
          learningRate,
          alphaLearningRate,
          delta,
          alphaInitial,
          rule,
          seed);
    }

    public Settings withBatchSize(int batch) {
      return new Settings(
          objective,
          epochs,
          batch,
          learningRate,
          alphaLearningRate,
          delta,
          alphaInitial,
          alphaRule,
          seed);
    }
  }

  /**
   * The Table 1 quantities on a whole data set (one noise draw per point).
   *
   * @param weightedReconstructionError (1 + alpha) RE; equal to RE for the ELBO (alpha unused)
   * @param weightedKl alpha KL; NaN for the ELBO
   * @param alpha NaN for the ELBO
   */
  public record Evaluation(
      double reconstructionError,
      double klDivergence,
      double weightedReconstructionError,
      double weightedKl,
      double alpha) {}

  /**
   * @param diverged true when a loss or a weight became non-finite; training stopped there
   * @param epochLosses mean batch loss of each finished epoch
   * @param alphaTrace alpha at the end of each epoch (empty for the ELBO)
   */
  public record Result(
      boolean diverged,
      List<Double> epochLosses,
      List<Double> alphaTrace,
      double alpha,
      double seconds) {}

  private final Settings settings;

  public VaeTrainer(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** Trains the VAE in place on the rows of data (n x d, the VAE's type). */
  public Result train(Vae vae, INDArray data) {
    int n = (int) data.rows();
    if (n == 0 || data.columns() != vae.inputSize() || data.dataType() != vae.dataType()) {
      throw new IllegalArgumentException(
          "data must be non-empty n x " + vae.inputSize() + " of type " + vae.dataType());
    }
    int batchSize = Math.min(settings.batchSize(), n);
    VaeObjective objective = settings.objective();
    VaeStep full = new VaeStep(vae, objective, settings.delta(), batchSize, settings.seed());
    VaeStep last =
        n % batchSize == 0
            ? null
            : new VaeStep(vae, objective, settings.delta(), n % batchSize, settings.seed() + 1);
    List<Parameter> parameters = vae.parameters();
    ModelTrainer.Optimiser adam =
        new ModelTrainer(
                new TrainingSettings(
                    settings.epochs(),
                    batchSize,
                    new double[] {settings.learningRate()},
                    settings.seed()),
                p -> {})
            .optimiser(parameters);
    AlphaUpdate alpha =
        objective == VaeObjective.LAGRANGIAN
            ? new AlphaUpdate(
                settings.alphaRule(), settings.alphaLearningRate(), settings.alphaInitial())
            : null;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(settings.seed());
    List<Double> losses = new ArrayList<>();
    List<Double> alphas = new ArrayList<>();
    long start = System.nanoTime();
    int iteration = 0;
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      shuffle(order, random);
      double sum = 0;
      for (int from = 0; from < n; from += batchSize) {
        int rows = Math.min(batchSize, n - from);
        VaeStep step = rows == batchSize ? full : last;
        Nd4j.pullRows(data, step.batch(), 1, Arrays.copyOfRange(order, from, from + rows));
        if (alpha != null) {
          step.setAlpha(alpha.alpha());
        }
        double loss = step.run();
        if (!Double.isFinite(loss)) {
          return result(true, losses, alphas, alpha, start);
        }
        sum += loss * rows;
        double alphaGradient = step.alphaGradient();
        adam.update(iteration++, epoch - 1);
        if (alpha != null) {
          alpha.update(alphaGradient);
        }
      }
      losses.add(sum / n);
      if (alpha != null) {
        alphas.add(alpha.alpha());
      }
      for (Parameter p : parameters) {
        if (!Double.isFinite(p.value().sumNumber().doubleValue())) {
          return result(true, losses, alphas, alpha, start);
        }
      }
    }
    return result(false, losses, alphas, alpha, start);
  }

  private static Result result(
      boolean diverged, List<Double> losses, List<Double> alphas, AlphaUpdate alpha, long start) {
    return new Result(
        diverged,
        List.copyOf(losses),
        List.copyOf(alphas),
        alpha == null ? Double.NaN : alpha.alpha(),
        (System.nanoTime() - start) / 1e9);
  }

  /** RE, KL and the weighted terms on all rows of data, with noise from the seed. */
  public static Evaluation evaluate(Vae vae, INDArray data, double alpha, long seed) {
    VaeStep step = new VaeStep(vae, VaeObjective.ELBO, 0.0, (int) data.rows(), seed);
    step.batch().assign(data);
    Nd4j.getExecutioner()
        .exec(
            new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(step.noise.value(), 0, 1),
            Nd4j.getRandomFactory().getNewRandomInstance(seed));
    step.graph.forward();
    double re = step.reconstructionError();
    double kl = step.klDivergence();
    boolean lagrangian = !Double.isNaN(alpha);
    return new Evaluation(
        re, kl, lagrangian ? (1 + alpha) * re : re, lagrangian ? alpha * kl : Double.NaN, alpha);
  }

  private static void shuffle(int[] order, Random random) {
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }
}
