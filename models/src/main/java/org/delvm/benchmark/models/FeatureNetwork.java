package org.delvm.benchmark.models;

import java.util.List;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;

/**
 * The network f: R^d -> R^m inside an energy, e.g. an MLP or a CNN. Besides f(x) it builds the
 * Jacobian products that score matching needs, as explicit graph operations.
 */
public interface FeatureNetwork {

  /** Input dimension d (for images, C * H * W). */
  int inputSize();

  /** Output dimension m. */
  int outputSize();

  /** Trainable parameters; the layer index of each selects its learning rate. */
  List<Parameter> parameters();

  /** A short description for reports, e.g. {@code MLP 140-2048 relu}. */
  String describe();

  /** Builds f(x) for an n x d input node. */
  Features build(Graph graph, Node x);

  /** One built forward pass and the Jacobian operations at its input. */
  interface Features {

    /** f(x), n x m. */
    Node output();

    /** The hidden representation of every layer, n x width_l, for feature learning. */
    List<Node> layers();

    /** J(x)^T u for u of shape n x m: a transposed pass, n x d. */
    Node transposeJacobianTimes(Node u);

    /** ||J||_F^2 per sample, n x 1. Closed form for one layer; otherwise d forward-mode passes. */
    Node squaredJacobianNorm();

    /**
     * sum_j c_j Laplacian(f_j) per sample (n x 1) for weights c (n x m); null when f is piecewise
     * linear (the Laplacians vanish almost everywhere). Closed form for one layer; otherwise d
     * forward-mode passes, shared with {@link #squaredJacobianNorm()}.
     */
    Node weightedLaplacian(Node c);

    /**
     * Forward-mode ("jet") pass along k directions given block-major as a k*n x d node: J v and,
     * unless f is piecewise linear, v^T Hessian(f_j) v for every output j.
     */
    Jet jet(Node directions, int k);
  }

  /**
   * Directional derivatives of f along k directions per sample, block-major (k*n rows).
   *
   * @param tangent J v, k*n x m
   * @param curvature v^T Hessian(f_j) v, k*n x m; null when f is piecewise linear (it is 0 a.e.)
   */
  record Jet(Node tangent, Node curvature) {}
}
