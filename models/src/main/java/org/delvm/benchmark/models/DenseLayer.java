package org.delvm.benchmark.models;

import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** a = W z + b with W stored out x in (PyTorch's layout) and b as 1 x out. */
public final class DenseLayer implements Layer {

  private final Parameter weights;
  private final Parameter bias;

  /** A layer with the given weights (out x in) and bias (length out), used by reference. */
  public DenseLayer(int index, INDArray weights, INDArray bias) {
    if (weights.rank() != 2 || bias.length() != weights.rows()) {
      throw new IllegalArgumentException(
          "layer "
              + (index + 1)
              + ": weights must be out x in and the bias of length out, got "
              + java.util.Arrays.toString(weights.shape())
              + " and "
              + java.util.Arrays.toString(bias.shape()));
    }
    this.weights = Parameter.of("W" + (index + 1), index, weights);
    this.bias = Parameter.of("b" + (index + 1), index, bias.reshape(1, weights.rows()));
  }

  /** Glorot-uniform weights (TensorFlow's default, which the paper used) and zero biases. */
  static DenseLayer glorot(int index, int in, int out, Random random, DataType type) {
    return new DenseLayer(
        index,
        Initialisation.glorotUniform(random, in, out, type, out, in),
        Nd4j.zeros(type, 1, out));
  }

  public Parameter weights() {
    return weights;
  }

  public Parameter bias() {
    return bias;
  }

  @Override
  public int inputSize() {
    return (int) weights.value().columns();
  }

  @Override
  public int outputSize() {
    return (int) weights.value().rows();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weights, bias);
  }

  @Override
  public String describe() {
    return Integer.toString(outputSize());
  }

  @Override
  public Bound bind(Graph g) {
    Node w = g.parameter(weights);
    Node b = g.parameter(bias);
    return new Bound() {
      @Override
      public Node affine(Node z) {
        return g.addRowVector(linear(z), b);
      }

      @Override
      public Node linear(Node v) {
        return g.matmul(v, w, false, true);
      }

      @Override
      public Node transpose(Node u) {
        return g.matmul(u, w, false, false);
      }

      @Override
      public Node weightedSquaredWeights(Node c) {
        return g.matmul(c, g.sumSquaresRows(w), false, false);
      }
    };
  }
}
