package org.delvm.benchmark.models;

import java.util.List;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * An energy-based model over vectors x (one sample per row; images flattened C x H x W). It builds
 * its energy and the energy's derivatives with respect to x as explicit graph operations, which is
 * what every training objective and sampler needs.
 */
public interface EnergyModel {

  /** Number of input dimensions d. */
  int inputSize();

  /** Floating-point type of the parameters; inputs must have the same type. */
  DataType dataType();

  /** Trainable parameters, in a fixed order. */
  List<Parameter> parameters();

  /** A short description for reports. */
  String describe();

  /** Builds the energy terms at the n x d input node {@code x}. */
  EnergyGraph build(Graph graph, Node x);

  /** The energy and its x-derivatives at one input, as graph nodes. */
  interface EnergyGraph {

    /** E(x), n x 1. */
    Node energy();

    /** grad_x E(x), n x d (the score is its negative). */
    Node energyGradient();

    /** tr(Hessian_x E(x)), n x 1, exact. */
    Node energyLaplacian();

    /**
     * v^T Hessian_x E(x) v for k directions per sample, given block-major as a k*n x d node (row
     * i*n + s is direction i of sample s); the result is k*n x 1.
     */
    Node hessianQuadraticForm(Node directions, int k);

    /** The model's reconstruction of x (for DELVM J^T f), n x d; the anomaly score's basis. */
    Node reconstruction();

    /** Hidden representations, one node per layer, for feature learning. */
    List<Node> features();
  }
}
