package org.delvm.benchmark.models.vae;

import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One VAE training step for a fixed batch size on a {@link VaeNetwork}: the batch and noise
 * buffers, allocated once, and the loss of eq. (6) or (7) with its gradient.
 *
 * <p>The reparameterisation noise is drawn before every step by ND4J's Gaussian op from a seeded
 * ND4J generator into a rows x latent array of the VAE's type, exactly as the graph implementation
 * did, so a seed gives the same noise stream as before; that one native call per step is the only
 * ND4J work of a step.
 */
final class VaeStep {

  final VaeNetwork network;
  final VaeObjective objective;
  final double delta;
  final int rows;

  /** The batch, rows x d, row-major: the caller fills it before {@link #run()}. */
  final double[] batch;

  /** The noise of the last {@link #run()}, rows x latent, row-major. */
  final double[] noise;

  /** mu and log sigma^2 of the last pass, rows x latent, row-major. */
  final double[] mean;

  final double[] logVariance;

  private final INDArray noiseArray;
  private final DataBuffer noiseBuffer;
  private final Random random;
  private double alpha;

  VaeStep(VaeNetwork network, Vae vae, VaeObjective objective, double delta, int rows, long seed) {
    this.network = network;
    this.objective = objective;
    this.delta = delta;
    this.rows = rows;
    this.batch = new double[rows * network.inputSize];
    this.noise = new double[rows * network.latentSize];
    this.mean = new double[rows * network.latentSize];
    this.logVariance = new double[rows * network.latentSize];
    this.noiseArray = Nd4j.create(vae.dataType(), rows, network.latentSize);
    this.noiseBuffer = noiseArray.data();
    this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  /** alpha of eq. (7); ignored by the ELBO. */
  void setAlpha(double value) {
    alpha = value;
  }

  /** Draws the noise, computes the loss and writes every gradient; returns the loss. */
  double run() {
    drawNoise();
    return pass(true);
  }

  /** Draws the next rows x latent standard-normal noise into {@link #noise}. */
  void drawNoise() {
    Nd4j.getExecutioner().exec(new GaussianDistribution(noiseArray, 0, 1), random);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = noiseBuffer.getDouble(i);
    }
  }

  /** Draws the noise and computes the loss and its terms, without gradients. */
  double evaluate() {
    drawNoise();
    return pass(false);
  }

  /** The loss at the current parameters with the last batch and noise (gradient checks). */
  double lossWithLastInputs() {
    return pass(false);
  }

  private double pass(boolean backward) {
    boolean elbo = objective == VaeObjective.ELBO;
    // L = (1 + alpha) RE + alpha (KL - delta): dL/dRE = 1 + alpha, dL/dKL = alpha.
    double reWeight = elbo ? 1.0 : alpha + 1.0;
    double klWeight = elbo ? 1.0 : alpha;
    network.pass(batch, noise, rows, reWeight, klWeight, backward, mean, logVariance);
    double re = network.reconstructionError();
    double kl = network.klDivergence();
    return elbo ? re + kl : reWeight * re + alpha * (kl - delta);
  }

  /** dL/dalpha = RE + KL - delta after {@link #run()}; 0 for the ELBO. */
  double alphaGradient() {
    return objective == VaeObjective.ELBO
        ? 0.0
        : (network.klDivergence() - delta) + network.reconstructionError();
  }

  double reconstructionError() {
    return network.reconstructionError();
  }

  double klDivergence() {
    return network.klDivergence();
  }
}
