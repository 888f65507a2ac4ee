package org.delvm.benchmark.models;

import java.util.List;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;

/**
 * A linear map with a bias, a = W z + b: a dense layer or a convolution. The network applies its
 * activation; the layer provides W, W^T and the weight sums of the one-layer closed forms.
 */
public interface Layer {

  int inputSize();

  int outputSize();

  /** The weights, then the bias; the layer index selects their learning rate. */
  List<Parameter> parameters();

  String describe();

  /** This layer's parameters as nodes of one graph, with the operations a network needs. */
  Bound bind(Graph graph);

  /** A layer inside one graph. */
  interface Bound {

    /** W z + b, n x out. */
    Node affine(Node z);

    /** W v without the bias (a directional derivative), rows x out. */
    Node linear(Node v);

    /** W^T u, rows x in. */
    Node transpose(Node u);

    /**
     * sum_j c_j s_j per row, n x 1, where s_j = sum_i W_ji^2 is the squared norm of the weights
     * reaching output j (for a convolution it depends on the position through the zero padding) and
     * c is n x out: ||J||_F^2 of a one-layer network is this with c = sigma'(a)^2.
     */
    Node weightedSquaredWeights(Node c);
  }
}
