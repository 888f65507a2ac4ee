package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A fully connected network z_l = sigma(W_l z_{l-1} + b_l), W_l stored as out x in (PyTorch's
 * layout), b_l as 1 x out.
 */
public final class Mlp implements FeatureNetwork {

  private final int inputSize;
  private final Activation activation;
  private final List<Parameter> weights = new ArrayList<>();
  private final List<Parameter> biases = new ArrayList<>();

  private Mlp(int inputSize, Activation activation) {
    this.inputSize = inputSize;
    this.activation = activation;
  }

  /**
   * Glorot-uniform weights and zero biases (TensorFlow's Dense default, which the paper used),
   * drawn from {@link Random} with the seed, so that one seed gives one network on every JVM.
   */
  public static Mlp initialise(
      int inputSize, List<Integer> widths, Activation activation, long seed, DataType type) {
    if (inputSize < 1 || widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException(
          "an MLP needs inputSize >= 1 and positive widths, got " + inputSize + " and " + widths);
    }
    Random random = new Random(seed);
    Mlp mlp = new Mlp(inputSize, activation);
    int in = inputSize;
    for (int width : widths) {
      double limit = Math.sqrt(6.0 / (in + width));
      double[] w = new double[width * in];
      for (int i = 0; i < w.length; i++) {
        w[i] = (2 * random.nextDouble() - 1) * limit;
      }
      mlp.addLayer(
          Nd4j.createFromArray(w).castTo(type).reshape(width, in), Nd4j.zeros(type, 1, width));
      in = width;
    }
    return mlp;
  }

  /** A network with the given weights (out x in) and biases (length out), used by reference. */
  public static Mlp of(Activation activation, List<INDArray> weights, List<INDArray> biases) {
    Mlp mlp = new Mlp((int) weights.get(0).columns(), activation);
    for (int l = 0; l < weights.size(); l++) {
      mlp.addLayer(weights.get(l), biases.get(l));
    }
    return mlp;
  }

  private void addLayer(INDArray w, INDArray b) {
    int layer = weights.size();
    long in = layer == 0 ? inputSize : weights.get(layer - 1).value().rows();
    if (w.rank() != 2 || w.columns() != in || b.length() != w.rows()) {
      throw new IllegalArgumentException(
          "layer "
              + (layer + 1)
              + ": weights must be out x "
              + in
              + " and the bias of length out, got "
              + java.util.Arrays.toString(w.shape())
              + " and "
              + java.util.Arrays.toString(b.shape()));
    }
    weights.add(Parameter.of("W" + (layer + 1), layer, w));
    biases.add(Parameter.of("b" + (layer + 1), layer, b.reshape(1, w.rows())));
  }

  public int depth() {
    return weights.size();
  }

  public Activation activation() {
    return activation;
  }

  public Parameter weights(int layer) {
    return weights.get(layer);
  }

  public Parameter bias(int layer) {
    return biases.get(layer);
  }

  @Override
  public int inputSize() {
    return inputSize;
  }

  @Override
  public int outputSize() {
    return (int) weights.get(weights.size() - 1).value().rows();
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    for (int l = 0; l < weights.size(); l++) {
      all.add(weights.get(l));
      all.add(biases.get(l));
    }
    return all;
  }

  @Override
  public String describe() {
    return "MLP "
        + inputSize
        + "-"
        + weights.stream()
            .map(w -> Long.toString(w.value().rows()))
            .collect(Collectors.joining("-"))
        + " "
        + activation.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public Features build(Graph graph, Node x) {
    return new MlpFeatures(graph, x);
  }

  private final class MlpFeatures implements Features {
    private final Graph g;
    private final long rows;
    private final List<Node> w = new ArrayList<>();
    private final List<Node> outputs = new ArrayList<>();

    /** sigma'(a_l) and sigma''(a_l), built on first use and shared by every Jacobian product. */
    private final List<Node> slopes = new ArrayList<>();

    private final List<Node> curvatures = new ArrayList<>();
    private final List<Node> preActivations = new ArrayList<>();
    private Node trace;

    MlpFeatures(Graph g, Node x) {
      this.g = g;
      this.rows = x.shape()[0];
      Node z = x;
      for (int l = 0; l < weights.size(); l++) {
        Node wl = g.parameter(weights.get(l));
        w.add(wl);
        Node a = g.addRowVector(g.matmul(z, wl, false, true), g.parameter(biases.get(l)));
        preActivations.add(a);
        z = g.activation(a, activation, 0);
        outputs.add(z);
      }
    }

    private Node slope(int l) {
      while (slopes.size() <= l) {
        slopes.add(g.activation(preActivations.get(slopes.size()), activation, 1));
      }
      return slopes.get(l);
    }

    private Node curvature(int l) {
      while (curvatures.size() <= l) {
        curvatures.add(g.activation(preActivations.get(curvatures.size()), activation, 2));
      }
      return curvatures.get(l);
    }

    @Override
    public Node output() {
      return outputs.get(outputs.size() - 1);
    }

    @Override
    public List<Node> layers() {
      return List.copyOf(outputs);
    }

    @Override
    public Node transposeJacobianTimes(Node u) {
      // J = D_L W_L ... D_1 W_1 with D_l = diag(sigma'(a_l)), so J^T u = W_1^T D_1 ... W_L^T D_L u.
      Node v = u;
      for (int l = weights.size() - 1; l >= 0; l--) {
        v = g.matmul(g.mul(v, slope(l)), w.get(l), false, false);
      }
      return v;
    }

    @Override
    public Node jacobianTrace() {
      if (trace == null) {
        trace = weights.size() == 1 ? closedFormTrace() : forwardModeTrace();
      }
      return trace;
    }

    /**
     * One layer: ||J||_F^2 + sum_j f_j Lap(f_j) = sum_j (sigma'(a_j)^2 + sigma(a_j) sigma''(a_j))
     * ||w_j||^2, an n x m by m x 1 product.
     */
    private Node closedFormTrace() {
      Node perUnit = g.mul(slope(0), slope(0));
      if (!activation.piecewiseLinear()) {
        perUnit = g.add(perUnit, g.mul(output(), curvature(0)));
      }
      Node squaredRowNorms = g.sumSquaresRows(w.get(0));
      return g.matmul(perUnit, squaredRowNorms, false, false);
    }

    /** Deep: push the d unit vectors of every sample through the jet pass (d forward passes). */
    private Node forwardModeTrace() {
      INDArray basis = Nd4j.create(g.dataType(), inputSize * rows, inputSize);
      for (int i = 0; i < inputSize; i++) {
        basis
            .get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(i * rows, (i + 1) * rows),
                org.nd4j.linalg.indexing.NDArrayIndex.point(i))
            .assign(1);
      }
      Jet jet = jet(g.constant(basis), inputSize);
      Node squaredNorm = g.sumRows(g.sumBlocks(g.mul(jet.tangent(), jet.tangent()), inputSize));
      if (jet.curvature() == null) {
        return squaredNorm;
      }
      Node laplacians = g.sumBlocks(jet.curvature(), inputSize);
      return g.add(squaredNorm, g.sumRows(g.mul(output(), laplacians)));
    }

    @Override
    public Jet jet(Node directions, int k) {
      // Per layer, with t = tangent and c = curvature of z_{l-1} along v:
      // t_l = sigma'(a_l) (W_l t), c_l = sigma'(a_l) (W_l c) + sigma''(a_l) (W_l t)^2.
      Node tangent = directions;
      Node curvature = null;
      boolean smooth = !activation.piecewiseLinear();
      for (int l = 0; l < weights.size(); l++) {
        Node wt = g.matmul(tangent, w.get(l), false, true);
        tangent = g.mulBlocks(wt, slope(l), k);
        if (smooth) {
          Node second = g.mulBlocks(g.mul(wt, wt), curvature(l), k);
          curvature =
              curvature == null
                  ? second
                  : g.add(
                      g.mulBlocks(g.matmul(curvature, w.get(l), false, true), slope(l), k), second);
        }
      }
      return new Jet(tangent, curvature);
    }
  }
}
