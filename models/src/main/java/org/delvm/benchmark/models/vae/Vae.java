package org.delvm.benchmark.models.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.DenseLayer;
import org.delvm.benchmark.models.Layer;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VAE of "A Study on the Optimization Problem of VAE" (Ko and Ko): encoder and decoder with one
 * hidden layer each and a parametric tanh, Gaussian encoder q(z|x) = N(mu(x), diag exp(logVar(x))),
 * the reparameterisation z = mu + exp(logVar / 2) * eps with eps ~ N(0, I) given as a graph input,
 * and a deterministic decoder x~ = g(z).
 *
 * <p>Parametric tanh (the paper names it only): phi(a) = scale * tanh(slope * a) with a learned
 * scale and slope per hidden unit, both initialised to 1 (so training starts from a plain tanh).
 *
 * <p>Terms, for a batch of n rows (the paper's eq. 5 and 6):
 *
 * <ul>
 *   <li>RE = (1/n) ||Z - Z~||_F^2: the squared error summed over the coordinates of a point and
 *       averaged over points (not averaged over coordinates as a library "MSE" would be);
 *   <li>KL = (1/n) sum_s KL(N(mu_s, diag sigma_s^2) || N(0, I)) = (1/n) sum_s 1/2 sum_j (mu_sj^2 +
 *       sigma_sj^2 - log sigma_sj^2 - 1), closed form, summed over the latent dimensions.
 * </ul>
 *
 * Weights are Glorot-uniform and biases zero, drawn from {@link Random} with the seed.
 *
 * <p>{@link #build} writes these terms as a graph of ND4J ops, the reference; training, evaluation
 * and decoding run the same mathematics in plain Java ({@link VaeNetwork}), which is more than ten
 * times faster for a network this small.
 */
public final class Vae {

  private final int inputSize;
  private final int latentSize;
  private final DenseLayer encoderHidden;
  private final ParametricTanh encoderActivation;
  private final DenseLayer encoderMean;
  private final DenseLayer encoderLogVariance;
  private final DenseLayer decoderHidden;
  private final ParametricTanh decoderActivation;
  private final DenseLayer decoderOutput;

  /** Per-unit scale and slope of phi(a) = scale * tanh(slope * a), each 1 x width. */
  record ParametricTanh(Parameter scale, Parameter slope) {

    static ParametricTanh ones(String name, int layer, int width, DataType type) {
      return new ParametricTanh(
          Parameter.of(name + ".scale", layer, Nd4j.ones(type, 1, width)),
          Parameter.of(name + ".slope", layer, Nd4j.ones(type, 1, width)));
    }

    Node apply(Graph g, Node a) {
      Node inner = g.mulRowVector(a, g.parameter(slope));
      return g.mulRowVector(g.activation(inner, Activation.TANH, 0), g.parameter(scale));
    }
  }

  private Vae(int inputSize, int hidden, int latentSize, Random random, DataType type) {
    this.inputSize = inputSize;
    this.latentSize = latentSize;
    this.encoderHidden = dense(0, inputSize, hidden, random, type);
    this.encoderActivation = ParametricTanh.ones("encoder.tanh", 0, hidden, type);
    this.encoderMean = dense(1, hidden, latentSize, random, type);
    this.encoderLogVariance = dense(2, hidden, latentSize, random, type);
    this.decoderHidden = dense(3, latentSize, hidden, random, type);
    this.decoderActivation = ParametricTanh.ones("decoder.tanh", 3, hidden, type);
    this.decoderOutput = dense(4, hidden, inputSize, random, type);
  }

  /** The paper's network: 3 inputs, 32 hidden units, 2 latent dimensions. */
  public static Vae paper(long seed, DataType type) {
    return initialise(3, 32, 2, seed, type);
  }

  public static Vae initialise(
      int inputSize, int hidden, int latentSize, long seed, DataType type) {
    if (inputSize < 1 || hidden < 1 || latentSize < 1) {
      throw new IllegalArgumentException("a VAE needs positive sizes");
    }
    return new Vae(inputSize, hidden, latentSize, new Random(seed), type);
  }

  private static DenseLayer dense(int index, int in, int out, Random random, DataType type) {
    double limit = Math.sqrt(6.0 / (in + out));
    double[][] w = new double[out][in];
    for (double[] row : w) {
      for (int i = 0; i < in; i++) {
        row[i] = (2 * random.nextDouble() - 1) * limit;
      }
    }
    return new DenseLayer(index, Nd4j.createFromArray(w).castTo(type), Nd4j.zeros(type, 1, out));
  }

  public int inputSize() {
    return inputSize;
  }

  public int latentSize() {
    return latentSize;
  }

  public DataType dataType() {
    return encoderHidden.weights().value().dataType();
  }

  /** Every trainable parameter, in a fixed order. */
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    all.addAll(encoderHidden.parameters());
    all.add(encoderActivation.scale());
    all.add(encoderActivation.slope());
    all.addAll(encoderMean.parameters());
    all.addAll(encoderLogVariance.parameters());
    all.addAll(decoderHidden.parameters());
    all.add(decoderActivation.scale());
    all.add(decoderActivation.slope());
    all.addAll(decoderOutput.parameters());
    return all;
  }

  public String describe() {
    int hidden = encoderHidden.outputSize();
    return "VAE "
        + inputSize
        + "-"
        + hidden
        + "-"
        + latentSize
        + "-"
        + hidden
        + "-"
        + inputSize
        + " parametric tanh";
  }

  /**
   * The terms of one batch.
   *
   * @param mean mu(x), n x latent
   * @param logVariance log sigma^2(x), n x latent
   * @param latent z = mu + sigma * eps, n x latent
   * @param reconstruction x~ = g(z), n x d
   * @param reconstructionError RE = (1/n) ||x - x~||_F^2, 1 x 1
   * @param klDivergence batch mean of KL(q(z|x) || N(0, I)), 1 x 1
   */
  public record Terms(
      Node mean,
      Node logVariance,
      Node latent,
      Node reconstruction,
      Node reconstructionError,
      Node klDivergence) {}

  /** Builds the VAE terms for an n x d data node and an n x latent standard-normal noise node. */
  public Terms build(Graph g, Node x, Node noise) {
    long n = x.shape()[0];
    Node h = encoderActivation.apply(g, encoderHidden.bind(g).affine(x));
    Node mean = encoderMean.bind(g).affine(h);
    Node logVariance = encoderLogVariance.bind(g).affine(h);
    Node sigma = g.exp(g.scale(logVariance, 0.5));
    Node latent = g.add(mean, g.mul(sigma, noise));
    Node reconstruction = decoder(g, latent);
    Node reconstructionError = g.scale(g.sum(g.square(g.sub(x, reconstruction))), 1.0 / n);
    // 1/2 sum (mu^2 + sigma^2 - log sigma^2 - 1), batch mean.
    Node klTerms = g.addScalar(g.sub(g.add(g.square(mean), g.exp(logVariance)), logVariance), -1.0);
    Node klDivergence = g.scale(g.sum(klTerms), 0.5 / n);
    return new Terms(mean, logVariance, latent, reconstruction, reconstructionError, klDivergence);
  }

  /** The decoder g(z) for an n x latent node. */
  public Node decoder(Graph g, Node z) {
    Layer.Bound hidden = decoderHidden.bind(g);
    Node h = decoderActivation.apply(g, hidden.affine(z));
    return decoderOutput.bind(g).affine(h);
  }

  /** Decodes the rows of z (n x latent) to n x d, of this VAE's type. */
  public INDArray decode(INDArray z) {
    if (z.rank() != 2 || z.columns() != latentSize) {
      throw new IllegalArgumentException("z must be n x " + latentSize);
    }
    int n = (int) z.rows();
    double[] out = new double[n * inputSize];
    new VaeNetwork(this).decode(VaeTrainer.rowMajor(z), n, out);
    return Nd4j.createFromArray(out).reshape(n, inputSize).castTo(dataType());
  }

  /** n samples of the generative model: z ~ N(0, I) from a seeded ND4J generator, decoded. */
  public INDArray sample(int n, long seed) {
    INDArray z = Nd4j.create(dataType(), n, latentSize);
    Nd4j.getExecutioner()
        .exec(
            new org.nd4j.linalg.api.ops.random.impl.GaussianDistribution(z, 0, 1),
            Nd4j.getRandomFactory().getNewRandomInstance(seed));
    return decode(z);
  }
}
