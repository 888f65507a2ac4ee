package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deep energy model (Ngiam et al. 2011): a Gaussian visible term and the free energy of a
 * stochastic binary top layer over deterministic features g(x),
 *
 * <pre>E(x) = 1/2 ||x - b||^2 - sum_j softplus(v_j . g(x) + c_j),</pre>
 *
 * written as E(x) = 1/2 ||x - b||^2 - sum_j F_j(x) with F = [g layers..., a softplus top]: the top
 * layer's units are the binary units and its pre-activation a(x) = V g(x) + c their input. With no
 * g layers this is the free energy of a Gaussian-Bernoulli RBM (unit variance). Its x-derivatives:
 * grad E = x - b - J_F^T 1, tr(Hessian E) = d - sum_j Laplacian(F_j).
 *
 * <p>On a CNN ({@link #cnn}) the top is the last convolution with a softplus: the binary units are
 * that layer's F x H x W feature-map units (weights shared across positions, as in a convolutional
 * RBM), so a one-layer CNN DEM is the free energy of a convolutional Gaussian-Bernoulli RBM and an
 * L-layer one has the same conv layers as an L-layer CNN DELVM. The overload with {@code topUnits}
 * puts a dense softplus top over the flattened maps instead.
 *
 * <p>Block Gibbs sampling ({@link #gibbsSampler}, which {@code cd} uses): h ~ p(h|x) =
 * Bernoulli(sigmoid(a(x))) exactly, then x' = b + J_a(x)^T h + N(0, I). Without g layers p(x|h) =
 * N(b + V^T h, I) and this is exact block Gibbs sampling of the RBM; with g layers p(x|h) is not
 * Gaussian and the move linearises a(x) at the current x (the DELVM paper's sampler x' = J^T h
 * carried over; Ngiam et al. sampled with HMC instead).
 */
public final class Dem implements EnergyModel, GibbsSampling {

  private final LayeredNetwork network;
  private final Parameter visibleBias;
  private final Inference inference = new Inference(this);

  public Dem(LayeredNetwork network, INDArray visibleBias) {
    if (network.activation(network.depth() - 1) != Activation.SOFTPLUS) {
      throw new IllegalArgumentException(
          "a DEM's top layer is the free energy of binary units: its activation must be softplus");
    }
    this.network = network;
    this.visibleBias = Parameter.of("b_visible", 0, visibleBias.reshape(1, network.inputSize()));
  }

  /**
   * A DEM over an MLP g with the given widths and activation, then a softplus top layer of {@code
   * topUnits}; Glorot weights, zero biases, seeded.
   */
  public static Dem mlp(
      int inputSize,
      List<Integer> widths,
      Activation activation,
      int topUnits,
      long seed,
      DataType type) {
    List<Integer> all = new ArrayList<>(widths);
    all.add(topUnits);
    List<Activation> activations =
        new ArrayList<>(java.util.Collections.nCopies(widths.size(), activation));
    activations.add(Activation.SOFTPLUS);
    return new Dem(
        Mlp.initialise(inputSize, all, activations, seed, type), Nd4j.zeros(type, 1, inputSize));
  }

  /**
   * A DEM over a CNN (stride-1 same-padded convolutions, no pooling; see {@link Cnn}) whose last
   * convolution is the softplus top: the binary units are its {@code filters.get(L - 1)} feature
   * maps, one unit per position. The layers before it use {@code activation} (with one layer,
   * {@code activation} is unused). Glorot weights, zero biases, seeded as {@link Cnn#initialise}.
   */
  public static Dem cnn(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      Activation activation,
      long seed,
      DataType type) {
    if (filters.isEmpty()) {
      throw new IllegalArgumentException("a CNN DEM needs at least one convolution");
    }
    List<Activation> activations =
        new ArrayList<>(java.util.Collections.nCopies(filters.size() - 1, activation));
    activations.add(Activation.SOFTPLUS);
    LayeredNetwork network =
        Cnn.initialise(channels, height, width, filters, kernels, activations, seed, type);
    return new Dem(network, Nd4j.zeros(type, 1, network.inputSize()));
  }

  /**
   * A DEM over CNN features g (every convolution with {@code activation}), then a dense softplus
   * top of {@code topUnits} binary units over the flattened last feature maps (see {@link
   * Cnn#withDenseLayers}).
   */
  public static Dem cnn(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      Activation activation,
      int topUnits,
      long seed,
      DataType type) {
    List<Activation> activations =
        new ArrayList<>(java.util.Collections.nCopies(filters.size(), activation));
    activations.add(Activation.SOFTPLUS);
    LayeredNetwork network =
        Cnn.withDenseLayers(
            channels, height, width, filters, kernels, List.of(topUnits), activations, seed, type);
    return new Dem(network, Nd4j.zeros(type, 1, network.inputSize()));
  }

  public LayeredNetwork network() {
    return network;
  }

  /** The visible bias b, 1 x d (by reference). */
  public INDArray visibleBias() {
    return visibleBias.value();
  }

  @Override
  public int inputSize() {
    return network.inputSize();
  }

  @Override
  public DataType dataType() {
    return visibleBias.value().dataType();
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>(network.parameters());
    all.add(visibleBias);
    return all;
  }

  @Override
  public String describe() {
    return "DEM (" + network.describe() + ")";
  }

  @Override
  public EnergyGraph build(Graph g, Node x) {
    FeatureNetwork.Features f = network.build(g, x);
    Node centred = g.sub(x, broadcast(g, g.parameter(visibleBias), x.shape()[0]));
    Node ones = g.constant(Nd4j.ones(g.dataType(), x.shape()[0], network.outputSize()));
    return new EnergyGraph() {
      @Override
      public Node energy() {
        return g.sub(g.scale(g.sumSquaresRows(centred), 0.5), g.sumRows(f.output()));
      }

      @Override
      public Node energyGradient() {
        return g.sub(centred, f.transposeJacobianTimes(ones));
      }

      @Override
      public Node energyLaplacian() {
        return g.scale(g.addScalar(f.weightedLaplacian(ones), -inputSize()), -1.0);
      }

      @Override
      public Node hessianQuadraticForm(Node v, int k) {
        return g.sub(g.sumSquaresRows(v), g.sumRows(f.jet(v, k).curvature()));
      }

      @Override
      public Node reconstruction() {
        // x - grad E = b + J_F^T 1: for an RBM, the mean of p(v|h) at h = p(h|v).
        return g.sub(x, energyGradient());
      }

      @Override
      public List<Node> features() {
        return f.layers();
      }
    };
  }

  /** The 1 x d bias as an n x d node (rows of a zero input plus the bias). */
  private static Node broadcast(Graph g, Node bias, long rows) {
    return g.addRowVector(g.constant(Nd4j.zeros(g.dataType(), rows, bias.shape()[1])), bias);
  }

  @Override
  public Sampler gibbsSampler(int chains, long seed) {
    return new BlockGibbs(chains, seed);
  }

  /**
   * h ~ Bernoulli(sigmoid(a(x))), then x' = b + J_a(x)^T h + N(0, I), on every chain at once. Two
   * graphs over the same parameters: one gives p(h|x), the other J_a^T h, through the network with
   * its top activation replaced by the identity (so that its output is a(x)).
   */
  private final class BlockGibbs implements Sampler {
    private final Graph probabilities;
    private final Node probabilitiesInput;
    private final Node hiddenProbabilities;
    private final Graph move;
    private final Node moveInput;
    private final Node hidden;
    private final Node mean;
    private final INDArray noise;
    private final org.nd4j.linalg.api.rng.Random random;

    BlockGibbs(int chains, long seed) {
      List<Layer> layers = new ArrayList<>();
      List<Activation> activations = new ArrayList<>();
      for (int l = 0; l < network.depth(); l++) {
        layers.add(network.layer(l));
        activations.add(l == network.depth() - 1 ? Activation.LINEAR : network.activation(l));
      }
      LayeredNetwork preActivation = new LayeredNetwork("DEM top input", layers, activations);
      probabilities = new Graph(dataType(), false);
      probabilitiesInput = probabilities.input(chains, inputSize());
      hiddenProbabilities =
          probabilities.activation(
              preActivation.build(probabilities, probabilitiesInput).output(),
              Activation.SIGMOID,
              0);
      move = new Graph(dataType(), false);
      moveInput = move.input(chains, inputSize());
      hidden = move.input(chains, network.outputSize());
      mean = preActivation.build(move, moveInput).transposeJacobianTimes(hidden);
      noise = moveInput.value().ulike();
      random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    @Override
    public INDArray run(INDArray start, int steps) {
      INDArray x = moveInput.value().assign(start);
      for (int t = 0; t < steps; t++) {
        probabilitiesInput.value().assign(x);
        probabilities.forward();
        Nd4j.getExecutioner()
            .exec(new BernoulliDistribution(hidden.value(), hiddenProbabilities.value()), random);
        move.forward();
        Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0, 1), random);
        x.assign(mean.value()).addiRowVector(visibleBias()).addi(noise);
      }
      return x;
    }
  }

  /** E(x) per sample. */
  public INDArray energy(INDArray x) {
    return inference.run(x, Inference.Quantity.ENERGY);
  }

  /** The anomaly score ||x - (b + J_F^T 1)||^2 = ||grad E||^2 per sample. */
  public INDArray reconstructionError(INDArray x) {
    return inference.run(x, Inference.Quantity.RECONSTRUCTION_ERROR);
  }
}
