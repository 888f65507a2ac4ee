package org.delvm.benchmark.models;

import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.graph.ConvShape;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * a = conv(z, W) + b, stride 1, same zero padding (see {@link ConvShape}); W is filters x channels
 * x k x k (PyTorch's layout), b is 1 x filters.
 */
public final class ConvLayer implements Layer {

  private final ConvShape shape;
  private final Parameter weights;
  private final Parameter bias;

  public ConvLayer(int index, ConvShape shape, INDArray weights, INDArray bias) {
    if (!java.util.Arrays.equals(weights.shape(), shape.weightShape())
        || bias.length() != shape.filters()) {
      throw new IllegalArgumentException(
          "layer "
              + (index + 1)
              + " ("
              + shape
              + "): weights must be "
              + java.util.Arrays.toString(shape.weightShape())
              + " and the bias of length "
              + shape.filters()
              + ", got "
              + java.util.Arrays.toString(weights.shape())
              + " and "
              + java.util.Arrays.toString(bias.shape()));
    }
    this.shape = shape;
    this.weights = Parameter.of("W" + (index + 1), index, weights);
    this.bias = Parameter.of("b" + (index + 1), index, bias.reshape(1, shape.filters()));
  }

  /** Glorot-uniform weights with fan-in C k^2 and fan-out F k^2 (Keras's rule), zero biases. */
  static ConvLayer glorot(int index, ConvShape shape, Random random, DataType type) {
    int taps = shape.kernel() * shape.kernel();
    return new ConvLayer(
        index,
        shape,
        Initialisation.glorotUniform(
            random, shape.channels() * taps, shape.filters() * taps, type, shape.weightShape()),
        Nd4j.zeros(type, 1, shape.filters()));
  }

  public ConvShape shape() {
    return shape;
  }

  @Override
  public int inputSize() {
    return shape.inputSize();
  }

  @Override
  public int outputSize() {
    return shape.outputSize();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weights, bias);
  }

  @Override
  public String describe() {
    return shape.filters() + "@" + shape.kernel() + "x" + shape.kernel();
  }

  @Override
  public Bound bind(Graph g) {
    Node w = g.parameter(weights);
    Node b = g.parameter(bias);
    return new Bound() {
      private Node squaredWeightSums;

      @Override
      public Node affine(Node z) {
        return g.conv2d(z, w, b, shape);
      }

      @Override
      public Node linear(Node v) {
        return g.conv2d(v, w, null, shape);
      }

      @Override
      public Node transpose(Node u) {
        return g.convTranspose(u, w, shape);
      }

      /**
       * s[f, p] = sum of W[f]^2 over the kernel taps that fall inside the image at position p: a
       * convolution of an all-ones image with W^2 (1 x F*H*W), the same for every sample.
       */
      @Override
      public Node weightedSquaredWeights(Node c) {
        if (squaredWeightSums == null) {
          INDArray ones = Nd4j.ones(g.dataType(), 1, shape.inputSize());
          squaredWeightSums = g.conv2d(g.constant(ones), g.mul(w, w), null, shape);
        }
        return g.matmul(c, squaredWeightSums, false, true);
      }
    };
  }
}
