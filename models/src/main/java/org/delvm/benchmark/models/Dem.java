package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deep energy model (Ngiam et al. 2011): a Gaussian visible term and the free energy of a
 * stochastic binary top layer over deterministic features g(x),
 *
 * <pre>E(x) = 1/2 ||x - b||^2 - sum_j softplus(v_j . g(x) + c_j),</pre>
 *
 * written as E(x) = 1/2 ||x - b||^2 - sum_j F_j(x) with F = [g layers..., a dense softplus top].
 * With no g layers this is the free energy of a Gaussian-Bernoulli RBM (unit variance). Its
 * x-derivatives: grad E = x - b - J_F^T 1, tr(Hessian E) = d - sum_j Laplacian(F_j).
 */
public final class Dem implements EnergyModel {

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

  public LayeredNetwork network() {
    return network;
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

  /** E(x) per sample. */
  public INDArray energy(INDArray x) {
    return inference.run(x, Inference.Quantity.ENERGY);
  }

  /** The anomaly score ||x - (b + J_F^T 1)||^2 = ||grad E||^2 per sample. */
  public INDArray reconstructionError(INDArray x) {
    return inference.run(x, Inference.Quantity.RECONSTRUCTION_ERROR);
  }
}
