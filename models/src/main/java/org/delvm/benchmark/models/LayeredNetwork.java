package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * f = sigma(L_K(... sigma(L_1(x)))) for affine layers L_l (dense or convolutional) and one
 * activation: the FFNN and the CNN of the paper. Built by {@link Mlp} and {@link Cnn}.
 */
public final class LayeredNetwork implements FeatureNetwork {

  private final String kind;
  private final List<Layer> layers;
  private final Activation activation;

  LayeredNetwork(String kind, List<Layer> layers, Activation activation) {
    for (int l = 1; l < layers.size(); l++) {
      if (layers.get(l).inputSize() != layers.get(l - 1).outputSize()) {
        throw new IllegalArgumentException(
            "layer " + (l + 1) + " takes " + layers.get(l).inputSize() + " inputs but layer " + l
                + " gives " + layers.get(l - 1).outputSize());
      }
    }
    this.kind = kind;
    this.layers = List.copyOf(layers);
    this.activation = activation;
  }

  public int depth() {
    return layers.size();
  }

  public Layer layer(int index) {
    return layers.get(index);
  }

  public Activation activation() {
    return activation;
  }

  /** The weights of a layer. */
  public Parameter weights(int layer) {
    return layers.get(layer).parameters().get(0);
  }

  /** The bias of a layer. */
  public Parameter bias(int layer) {
    return layers.get(layer).parameters().get(1);
  }

  @Override
  public int inputSize() {
    return layers.get(0).inputSize();
  }

  @Override
  public int outputSize() {
    return layers.get(layers.size() - 1).outputSize();
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>();
    layers.forEach(l -> all.addAll(l.parameters()));
    return all;
  }

  @Override
  public String describe() {
    return kind
        + " "
        + inputSize()
        + "-"
        + layers.stream().map(Layer::describe).collect(Collectors.joining("-"))
        + " "
        + activation.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public Features build(Graph graph, Node x) {
    return new LayeredFeatures(graph, x);
  }

  private final class LayeredFeatures implements Features {
    private final Graph g;
    private final long rows;
    private final List<Layer.Bound> bound = new ArrayList<>();
    private final List<Node> preActivations = new ArrayList<>();
    private final List<Node> outputs = new ArrayList<>();
    /** sigma'(a_l) and sigma''(a_l), built on first use and shared by every Jacobian product. */
    private final List<Node> slopes = new ArrayList<>();

    private final List<Node> curvatures = new ArrayList<>();
    private Node trace;

    LayeredFeatures(Graph g, Node x) {
      this.g = g;
      this.rows = x.shape()[0];
      Node z = x;
      for (Layer layer : layers) {
        Layer.Bound b = layer.bind(g);
        bound.add(b);
        Node a = b.affine(z);
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
      // J = D_K W_K ... D_1 W_1 with D_l = diag(sigma'(a_l)), so J^T u = W_1^T D_1 ... W_K^T D_K u.
      Node v = u;
      for (int l = layers.size() - 1; l >= 0; l--) {
        v = bound.get(l).transpose(g.mul(v, slope(l)));
      }
      return v;
    }

    @Override
    public Node jacobianTrace() {
      if (trace == null) {
        trace = layers.size() == 1 ? closedFormTrace() : forwardModeTrace();
      }
      return trace;
    }

    /**
     * One layer: ||J||_F^2 + sum_j f_j Lap(f_j) = sum_j (sigma'(a_j)^2 + sigma(a_j) sigma''(a_j))
     * s_j with s_j the squared norm of the weights reaching output j.
     */
    private Node closedFormTrace() {
      Node perOutput = g.mul(slope(0), slope(0));
      if (!activation.piecewiseLinear()) {
        perOutput = g.add(perOutput, g.mul(output(), curvature(0)));
      }
      return bound.get(0).weightedSquaredWeights(perOutput);
    }

    /** Deep: push the d unit vectors of every sample through the jet pass (d forward passes). */
    private Node forwardModeTrace() {
      int d = inputSize();
      INDArray basis = Nd4j.create(g.dataType(), d * rows, d);
      for (int i = 0; i < d; i++) {
        basis.get(NDArrayIndex.interval(i * rows, (i + 1) * rows), NDArrayIndex.point(i)).assign(1);
      }
      Jet jet = jet(g.constant(basis), d);
      Node squaredNorm = g.sumRows(g.sumBlocks(g.mul(jet.tangent(), jet.tangent()), d));
      if (jet.curvature() == null) {
        return squaredNorm;
      }
      Node laplacians = g.sumBlocks(jet.curvature(), d);
      return g.add(squaredNorm, g.sumRows(g.mul(output(), laplacians)));
    }

    @Override
    public Jet jet(Node directions, int k) {
      // Per layer, with t = tangent and c = curvature of z_{l-1} along v:
      // t_l = sigma'(a_l) (W_l t), c_l = sigma'(a_l) (W_l c) + sigma''(a_l) (W_l t)^2.
      Node tangent = directions;
      Node curvature = null;
      boolean smooth = !activation.piecewiseLinear();
      for (int l = 0; l < layers.size(); l++) {
        Node wt = bound.get(l).linear(tangent);
        tangent = g.mulBlocks(wt, slope(l), k);
        if (smooth) {
          Node second = g.mulBlocks(g.mul(wt, wt), curvature(l), k);
          curvature =
              curvature == null
                  ? second
                  : g.add(g.mulBlocks(bound.get(l).linear(curvature), slope(l), k), second);
        }
      }
      return new Jet(tangent, curvature);
    }
  }
}
