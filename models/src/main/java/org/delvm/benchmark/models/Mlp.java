package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.graph.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Fully connected networks (the paper's FFNN f): dense layers and one activation. */
public final class Mlp {

  private Mlp() {}

  /**
   * Glorot-uniform weights and zero biases, drawn from {@link Random} with the seed.
   *
   * @param widths the width of each hidden layer; the last is the dimension of f
   */
  public static LayeredNetwork initialise(
      int inputSize, List<Integer> widths, Activation activation, long seed, DataType type) {
    return initialise(
        inputSize, widths, java.util.Collections.nCopies(widths.size(), activation), seed, type);
  }

  /** As above, with one activation per layer. */
  public static LayeredNetwork initialise(
      int inputSize, List<Integer> widths, List<Activation> activations, long seed, DataType type) {
    if (inputSize < 1 || widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException(
          "an MLP needs inputSize >= 1 and positive widths, got " + inputSize + " and " + widths);
    }
    Random random = new Random(seed);
    List<Layer> layers = new ArrayList<>();
    int in = inputSize;
    for (int width : widths) {
      layers.add(DenseLayer.glorot(layers.size(), in, width, random, type));
      in = width;
    }
    return new LayeredNetwork("MLP", layers, activations);
  }

  /** A network with the given weights (out x in) and biases (length out), used by reference. */
  public static LayeredNetwork of(
      Activation activation, List<INDArray> weights, List<INDArray> biases) {
    List<Layer> layers = new ArrayList<>();
    for (int l = 0; l < weights.size(); l++) {
      layers.add(new DenseLayer(l, weights.get(l), biases.get(l)));
    }
    return new LayeredNetwork("MLP", layers, activation);
  }
}
