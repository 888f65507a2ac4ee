package org.delvm.benchmark.models.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Trains a {@link Vae} with Adam on eq. (6) or eq. (7). The network's Adam is {@link Adam}, the
 * update of ND4J's Adam that {@link org.delvm.benchmark.models.training.ModelTrainer} uses, on a
 * {@link VaeNetwork}'s flat parameters; alpha has its own scalar Adam ({@link AlphaUpdate}),
 * stepped after every batch from the same batch's dL/dalpha. The data order is shuffled each epoch
 * by {@link Random} with the seed; the noise of each step comes from an ND4J generator seeded from
 * it; the network and batch buffers are built once per run, and a step allocates nothing.
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

  /**
   * Trains the VAE in place on the rows of data (n x d, the VAE's type). The network is trained as
   * a {@link VaeNetwork} (double precision) and its parameters are written back into the VAE at the
   * end, also when training stops on divergence.
   */
  public Result train(Vae vae, INDArray data) {
    int n = (int) data.rows();
    if (n == 0 || data.columns() != vae.inputSize() || data.dataType() != vae.dataType()) {
      throw new IllegalArgumentException(
          "data must be non-empty n x " + vae.inputSize() + " of type " + vae.dataType());
    }
    int d = vae.inputSize();
    double[] points = rowMajor(data);
    int batchSize = Math.min(settings.batchSize(), n);
    VaeObjective objective = settings.objective();
    VaeNetwork network = new VaeNetwork(vae);
    VaeStep full =
        new VaeStep(network, vae, objective, settings.delta(), batchSize, settings.seed());
    VaeStep last =
        n % batchSize == 0
            ? null
            : new VaeStep(
                network, vae, objective, settings.delta(), n % batchSize, settings.seed() + 1);
    Adam adam = new Adam(network.theta.length, settings.learningRate());
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
    try {
      for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
        shuffle(order, random);
        double sum = 0;
        for (int from = 0; from < n; from += batchSize) {
          int rows = Math.min(batchSize, n - from);
          VaeStep step = rows == batchSize ? full : last;
          for (int r = 0; r < rows; r++) {
            System.arraycopy(points, order[from + r] * d, step.batch, r * d, d);
          }
          if (alpha != null) {
            step.setAlpha(alpha.alpha());
          }
          double loss = step.run();
          if (!Double.isFinite(loss)) {
            return result(true, losses, alphas, alpha, start);
          }
          sum += loss * rows;
          double alphaGradient = step.alphaGradient();
          adam.update(network.theta, network.gradient);
          if (alpha != null) {
            alpha.update(alphaGradient);
          }
        }
        losses.add(sum / n);
        if (alpha != null) {
          alphas.add(alpha.alpha());
        }
        if (!network.finite()) {
          return result(true, losses, alphas, alpha, start);
        }
      }
      return result(false, losses, alphas, alpha, start);
    } finally {
      network.store(vae);
    }
  }

  /**
   * Adam over one flat parameter array, step for step the update of ND4J's {@code adam_updater} op
   * that {@link org.delvm.benchmark.models.training.ModelTrainer}'s optimiser applies (beta1 0.9,
   * beta2 0.999, epsilon 1e-8; the bias correction folded into the step size).
   */
  static final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final double[] m;
    private final double[] v;
    private int iteration;

    Adam(int size, double learningRate) {
      this.learningRate = learningRate;
      this.m = new double[size];
      this.v = new double[size];
    }

    /** theta -= the Adam step for gradient g. */
    void update(double[] theta, double[] g) {
      double beta1T = Math.pow(BETA1, iteration + 1);
      double beta2T = Math.pow(BETA2, iteration + 1);
      double stepSize = learningRate * Math.sqrt(1.0 - beta2T) / (1.0 - beta1T);
      if (!Double.isFinite(stepSize) || stepSize == 0) {
        stepSize = EPSILON;
      }
      for (int i = 0; i < theta.length; i++) {
        double gi = g[i];
        double mi = BETA1 * m[i] + gi * (1 - BETA1);
        double vi = BETA2 * v[i] + gi * gi * (1 - BETA2);
        m[i] = mi;
        v[i] = vi;
        theta[i] -= (mi * stepSize) / (Math.sqrt(vi) + EPSILON);
      }
      iteration++;
    }
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
    int n = (int) data.rows();
    VaeStep step = new VaeStep(new VaeNetwork(vae), vae, VaeObjective.ELBO, 0.0, n, seed);
    System.arraycopy(rowMajor(data), 0, step.batch, 0, step.batch.length);
    step.evaluate();
    double re = step.reconstructionError();
    double kl = step.klDivergence();
    boolean lagrangian = !Double.isNaN(alpha);
    return new Evaluation(
        re, kl, lagrangian ? (1 + alpha) * re : re, lagrangian ? alpha * kl : Double.NaN, alpha);
  }

  /** The rows of an n x d array, concatenated. */
  static double[] rowMajor(INDArray data) {
    return data.dup('c').data().asDouble();
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
