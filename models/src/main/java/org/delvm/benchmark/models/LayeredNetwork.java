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
 * f = sigma_K(L_K(... sigma_1(L_1(x)))) for affine layers L_l (dense or convolutional), each with
 * its activation: the FFNN and the CNN of the paper, and the networks of the comparison models.
 * Built by {@link Mlp} and {@link Cnn}.
 */
public final class LayeredNetwork implements FeatureNetwork {

  /** Memory the exact deep trace may take; beyond it, the network refuses (see basisJet). */
  private static final double MAX_EXACT_TRACE_GB = 12;

  private final String kind;
  private final List<Layer> layers;
  private final List<Activation> activations;

  LayeredNetwork(String kind, List<Layer> layers, Activation activation) {
    this(kind, layers, java.util.Collections.nCopies(layers.size(), activation));
  }

  LayeredNetwork(String kind, List<Layer> layers, List<Activation> activations) {
    if (activations.size() != layers.size()) {
      throw new IllegalArgumentException(
          layers.size() + " layers but " + activations.size() + " activations");
    }
    for (int l = 1; l < layers.size(); l++) {
      if (layers.get(l).inputSize() != layers.get(l - 1).outputSize()) {
        throw new IllegalArgumentException(
            "layer "
                + (l + 1)
                + " takes "
                + layers.get(l).inputSize()
                + " inputs but layer "
                + l
                + " gives "
                + layers.get(l - 1).outputSize());
      }
    }
    this.kind = kind;
    this.layers = List.copyOf(layers);
    this.activations = List.copyOf(activations);
  }

  public int depth() {
    return layers.size();
  }

  public Layer layer(int index) {
    return layers.get(index);
  }

  public Activation activation(int layer) {
    return activations.get(layer);
  }

  /** True when every activation is piecewise linear, so f has no curvature almost everywhere. */
  private boolean piecewiseLinear() {
    return activations.stream().allMatch(Activation::piecewiseLinear);
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
        + activations.stream()
            .distinct()
            .map(a -> a.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining("/"));
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

    /** The jet along the d unit directions, shared by the deep trace terms. */
    private Jet basisJet;

    LayeredFeatures(Graph g, Node x) {
      this.g = g;
      this.rows = x.shape()[0];
      Node z = x;
      for (int l = 0; l < layers.size(); l++) {
        Layer.Bound b = layers.get(l).bind(g);
        bound.add(b);
        Node a = b.affine(z);
        preActivations.add(a);
        z = g.activation(a, activations.get(l), 0);
        outputs.add(z);
      }
    }

    private Node slope(int l) {
      while (slopes.size() <= l) {
        int k = slopes.size();
        slopes.add(g.activation(preActivations.get(k), activations.get(k), 1));
      }
      return slopes.get(l);
    }

    private Node curvature(int l) {
      while (curvatures.size() <= l) {
        int k = curvatures.size();
        curvatures.add(g.activation(preActivations.get(k), activations.get(k), 2));
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
    public Node squaredJacobianNorm() {
      if (layers.size() == 1) {
        // One layer: ||J||_F^2 = sum_j sigma'(a_j)^2 s_j, s_j the squared norm of the weights
        // reaching output j.
        return bound.get(0).weightedSquaredWeights(g.mul(slope(0), slope(0)));
      }
      Jet jet = basisJet();
      return g.sumRows(g.sumBlocks(g.mul(jet.tangent(), jet.tangent()), inputSize()));
    }

    @Override
    public Node weightedLaplacian(Node c) {
      if (piecewiseLinear()) {
        return null;
      }
      if (layers.size() == 1) {
        // One layer: Laplacian(f_j) = sigma''(a_j) s_j.
        return bound.get(0).weightedSquaredWeights(g.mul(c, curvature(0)));
      }
      Node laplacians = g.sumBlocks(basisJet().curvature(), inputSize());
      return g.sumRows(g.mul(c, laplacians));
    }

    /** Deep: push the d unit vectors of every sample through the jet pass (d forward passes). */
    private Jet basisJet() {
      if (basisJet == null) {
        int d = inputSize();
        checkForwardModeMemory(d);
        INDArray basis = Nd4j.create(g.dataType(), d * rows, d);
        for (int i = 0; i < d; i++) {
          basis
              .get(NDArrayIndex.interval(i * rows, (i + 1) * rows), NDArrayIndex.point(i))
              .assign(1);
        }
        basisJet = jet(g.constant(basis), d);
      }
      return basisJet;
    }

    /**
     * The exact trace holds d copies of every layer's activations (values, gradients and work
     * buffers): refuse, with the way out, when that cannot fit rather than die in the allocator.
     */
    private void checkForwardModeMemory(int d) {
      long units = 0;
      for (Layer layer : layers) {
        units += layer.outputSize();
      }
      double gigabytes = 5.0 * d * rows * units * g.dataType().width() / 1e9;
      if (gigabytes > MAX_EXACT_TRACE_GB) {
        throw new IllegalArgumentException(
            String.format(
                "exact score matching on %s with batches of %d needs about %.0f GB for its %d"
                    + " forward-mode passes (limit %.0f GB): use ssm (sliced score matching),"
                    + " a smaller batch, or one layer (closed form)",
                describe(), rows, gigabytes, d, MAX_EXACT_TRACE_GB));
      }
    }

    @Override
    public Jet jet(Node directions, int k) {
      // Per layer, with t = tangent and c = curvature of z_{l-1} along v:
      // t_l = sigma'(a_l) (W_l t), c_l = sigma'(a_l) (W_l c) + sigma''(a_l) (W_l t)^2.
      // A layer with a piecewise-linear activation adds no curvature of its own but carries
      // the curvature of the layers below it.
      Node tangent = directions;
      Node curvature = null;
      for (int l = 0; l < layers.size(); l++) {
        Node wt = bound.get(l).linear(tangent);
        tangent = g.mulBlocks(wt, slope(l), k);
        Node carried =
            curvature == null ? null : g.mulBlocks(bound.get(l).linear(curvature), slope(l), k);
        Node own =
            activations.get(l).piecewiseLinear()
                ? null
                : g.mulBlocks(g.mul(wt, wt), curvature(l), k);
        curvature = carried == null ? own : own == null ? carried : g.add(carried, own);
      }
      return new Jet(tangent, curvature);
    }
  }
}
