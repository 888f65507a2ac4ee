package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Conjugate energy-based model (Wu, Esmaeili, Zhou, van de Meent, ICML 2021) with a factorised
 * Gaussian latent z of dimension K and a standard-normal prior.
 *
 * <p>Formulas (from the paper, as we read them). An exponential family over z with sufficient
 * statistics eta(z) = (z, z^2) per dimension and log-normaliser B; the prior p(z) = exp(lambda0 .
 * eta(z) - B(lambda0)) with lambda0 = (0, -1/2) (N(0, 1) per dimension); the joint energy E(x, z) =
 * -(lambda0 + t(x)) . eta(z) + B(lambda0), i.e. p(x, z) proportional to p(z) exp(t(x) . eta(z)),
 * with a network t(x) giving natural parameters. Conjugacy makes the posterior p(z | x) the same
 * family with natural parameters lambda0 + t(x), and the marginal energy closed form:
 *
 * <pre>
 *   E(x) = B(lambda0) - B(lambda0 + t(x)),
 *   B(l1, l2) = -l1^2 / (4 l2) - 1/2 log(-2 l2)   (+ 1/2 log 2 pi, which cancels), per dimension.
 * </pre>
 *
 * With the network output u = (u1, u2) (n x 2K, a linear last layer), t1 = u1 and the precision
 * part t2 = -softplus(u2) - eps (strictly negative), the posterior precision is p = -2 (l2 + t2) =
 * 1 + 2 softplus(u2) + 2 eps and, since B(lambda0) = 0,
 *
 * <pre>
 *   E(x) = sum_k [ 1/2 log p_k - t1_k^2 / (2 p_k) ],
 *   dE/du1 = -t1 / p (minus the posterior mean),   dE/du2 = (1/p + (t1/p)^2) sigmoid(u2),
 *   grad_x E = J_u(x)^T dE/du   (one transposed pass through the network).
 * </pre>
 *
 * The network is an MLP with SiLU hidden layers (the reference code's activation), or the CNN of
 * {@link #convolutional}. Only the energy and its x-gradient are built: CEBM is trained by {@code
 * pcd-langevin}, which needs nothing else.
 */
public final class Cebm implements EnergyModel {

  /** The eps of t2 = -softplus(u2) - eps. */
  public static final double PRECISION_EPSILON = 1e-3;

  private final LayeredNetwork network;
  private final int latentSize;

  /** A CEBM over a network whose linear output (2K units) is u = (u1, u2). */
  public Cebm(LayeredNetwork network) {
    if (network.outputSize() % 2 != 0) {
      throw new IllegalArgumentException(
          "a CEBM network outputs 2K natural parameters, got " + network.outputSize());
    }
    if (network.activation(network.depth() - 1) != Activation.LINEAR) {
      throw new IllegalArgumentException("a CEBM network needs a linear output layer");
    }
    this.network = network;
    this.latentSize = network.outputSize() / 2;
  }

  /**
   * Glorot-uniform weights and zero biases from {@link Random} with the seed: hidden layers with
   * the activation (SiLU in the reference code), then a linear layer of 2K units.
   */
  public static Cebm initialise(
      int inputSize,
      List<Integer> hiddenWidths,
      int latentSize,
      Activation activation,
      long seed,
      DataType type) {
    if (inputSize < 1 || latentSize < 1 || hiddenWidths.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException("a CEBM needs positive sizes");
    }
    Random random = new Random(seed);
    List<Layer> layers = new ArrayList<>();
    List<Activation> activations = new ArrayList<>();
    int in = inputSize;
    for (int width : hiddenWidths) {
      layers.add(DenseLayer.glorot(layers.size(), in, width, random, type));
      activations.add(activation);
      in = width;
    }
    layers.add(DenseLayer.glorot(layers.size(), in, 2 * latentSize, random, type));
    activations.add(Activation.LINEAR);
    return new Cebm(new LayeredNetwork("MLP", layers, activations));
  }

  /** The CNN of the CEBM paper as the DELVM paper quotes it: filters (64, 64, 32, 32). */
  public static final List<Integer> PAPER_FILTERS = List.of(64, 64, 32, 32);

  /** Kernel sizes (3, 4, 4, 4) of that CNN. */
  public static final List<Integer> PAPER_KERNELS = List.of(3, 4, 4, 4);

  /** The reference code's latent dimension K. */
  public static final int PAPER_LATENT_SIZE = 128;

  /**
   * The CNN variant (Wu et al. 2021, reference code hao-w/cebm): convolutions with the activation
   * (SiLU in the reference; filters {@link #PAPER_FILTERS}, kernels {@link #PAPER_KERNELS}), then
   * one linear layer from the flattened C x H x W maps to the 2K natural parameters (K = {@link
   * #PAPER_LATENT_SIZE} in the reference). Glorot-uniform weights and zero biases, seeded.
   *
   * <p>Deviations from the reference, forced by the project's convolutions (stride 1, same zero
   * padding, see {@link Cnn}): the reference strides are (1, 2, 2, 2) with padding 1, so its maps
   * shrink 28 -> 28 -> 14 -> 7 -> 3 (32 -> 32 -> 16 -> 8 -> 4 on CIFAR-10); here every layer keeps
   * the full H x W. Cost of that: on 1 x 28 x 28 with filters (64, 64, 32, 32) layers 2-4 do 51 +
   * 26 + 13 = 90 M multiply-adds per image instead of about 15 M in all, the activations are 2.3
   * times as large, and the linear layer reads 32 * 28 * 28 = 25088 units instead of 288, i.e. 6.4
   * M weights for K = 128 instead of 74 k. The receptive field is also smaller: 12 pixels after 4
   * layers instead of the reference's 24. Measured (2026-11-28, 2-core EPYC shared with other jobs,
   * float, batch 100 of 1 x 28 x 28): the energy takes about 0.5 s, the energy gradient that every
   * SGLD step needs about 6-8 s, of which most is the transposed pass through the 4 x 4 kernels
   * (ND4J's transposed "same" convolution with even kernels; kernels (3, 3, 3, 3) take 1.2 s), so
   * {@code pcd-langevin} with 60 SGLD steps is far beyond a CPU at this size. Other differences:
   * the reference code's default filters are (32, 32, 64, 64) (the DELVM paper quotes (64, 64, 32,
   * 32), used here); its default '4cnn' architecture has a SiLU hidden layer of 256 units before
   * two linear heads (use {@link #convolutional(int, int, int, List, List, List, int, Activation,
   * long, DataType)} with hidden widths (256) for that; one linear layer of 2K units is its
   * 'simplenet' head); and its heads give a mean mu and log precision, t1 = mu tau, t2 = (1 - tau)
   * / 2 with tau = exp(.), where this class maps u to t as the MLP CEBM does (t2 = -softplus(u2) -
   * eps).
   */
  public static Cebm convolutional(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      int latentSize,
      Activation activation,
      long seed,
      DataType type) {
    return convolutional(
        channels, height, width, filters, kernels, List.of(), latentSize, activation, seed, type);
  }

  /**
   * As {@link #convolutional(int, int, int, List, List, int, Activation, long, DataType)}, with
   * dense hidden layers of the given widths (and the activation) between the flattened maps and the
   * linear 2K output.
   */
  public static Cebm convolutional(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      List<Integer> hiddenWidths,
      int latentSize,
      Activation activation,
      long seed,
      DataType type) {
    if (latentSize < 1) {
      throw new IllegalArgumentException("a CEBM needs a positive latent size, got " + latentSize);
    }
    List<Integer> dense = new ArrayList<>(hiddenWidths);
    dense.add(2 * latentSize);
    List<Activation> activations =
        new ArrayList<>(
            java.util.Collections.nCopies(filters.size() + hiddenWidths.size(), activation));
    activations.add(Activation.LINEAR);
    return new Cebm(
        Cnn.withDenseLayers(
            channels, height, width, filters, kernels, dense, activations, seed, type));
  }

  public LayeredNetwork network() {
    return network;
  }

  public int latentSize() {
    return latentSize;
  }

  @Override
  public int inputSize() {
    return network.inputSize();
  }

  @Override
  public DataType dataType() {
    return network.parameters().get(0).value().dataType();
  }

  @Override
  public List<Parameter> parameters() {
    return network.parameters();
  }

  @Override
  public String describe() {
    return "CEBM (" + network.describe() + ", Gaussian latent " + latentSize + ")";
  }

  @Override
  public EnergyGraph build(Graph g, Node x) {
    FeatureNetwork.Features f = network.build(g, x);
    int k = latentSize;
    Node u = f.output();
    Node t1 = g.columns(u, 0, k);
    Node u2 = g.columns(u, k, 2 * k);
    // Posterior precision p = 1 + 2 softplus(u2) + 2 eps (Activation.SOFTPLUS stays finite in
    // float far from the data, where runaway SGLD chains go and E is very negative).
    Node softplus = g.activation(u2, Activation.SOFTPLUS, 0);
    Node precision = g.addScalar(g.scale(softplus, 2.0), 1 + 2 * PRECISION_EPSILON);
    Node inversePrecision = g.reciprocal(precision);
    Node posteriorMean = g.mul(t1, inversePrecision);
    return new EnergyGraph() {
      private Node energy;
      private Node gradient;

      @Override
      public Node energy() {
        if (energy == null) {
          // sum_k 1/2 (log p - t1^2 / p)
          Node perDimension = g.sub(g.log(precision), g.mul(t1, posteriorMean));
          energy = g.scale(g.sumRows(perDimension), 0.5);
        }
        return energy;
      }

      @Override
      public Node energyGradient() {
        if (gradient == null) {
          Node d1 = g.scale(posteriorMean, -1.0);
          Node d2 =
              g.mul(
                  g.add(inversePrecision, g.square(posteriorMean)),
                  g.activation(u2, Activation.SOFTPLUS, 1));
          gradient = f.transposeJacobianTimes(g.concatColumns(d1, d2));
        }
        return gradient;
      }

      @Override
      public Node energyLaplacian() {
        throw new UnsupportedOperationException(
            "CEBM builds only its energy and energy gradient (enough for pcd-langevin); the"
                + " Laplacian needed by score matching is not implemented");
      }

      @Override
      public Node hessianQuadraticForm(Node directions, int count) {
        throw new UnsupportedOperationException(
            "CEBM builds only its energy and energy gradient (enough for pcd-langevin); Hessian"
                + " quadratic forms (sliced score matching) are not implemented");
      }

      @Override
      public Node reconstruction() {
        // x - grad E, as for every energy model: its error is ||grad_x E||^2, the paper's score.
        return g.sub(x, energyGradient());
      }

      @Override
      public List<Node> features() {
        return f.layers();
      }
    };
  }
}
