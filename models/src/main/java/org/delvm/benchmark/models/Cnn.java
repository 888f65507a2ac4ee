package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.ConvShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Convolutional networks (the paper's CNN f): stride-1 convolutions with same zero padding and one
 * activation, no pooling inside f (the paper pools only the features it gives the classifier), so
 * every layer keeps the image's height and width.
 */
public final class Cnn {

  private Cnn() {}

  /**
   * Glorot-uniform weights and zero biases, drawn from {@link Random} with the seed.
   *
   * @param filters filters of each layer
   * @param kernels square kernel size of each layer
   */
  public static LayeredNetwork initialise(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      Activation activation,
      long seed,
      DataType type) {
    return initialise(
        channels,
        height,
        width,
        filters,
        kernels,
        java.util.Collections.nCopies(filters.size(), activation),
        seed,
        type);
  }

  /** As above, with one activation per layer. */
  public static LayeredNetwork initialise(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      List<Activation> activations,
      long seed,
      DataType type) {
    Random random = new Random(seed);
    List<Layer> layers = convolutions(channels, height, width, filters, kernels, random, type);
    return new LayeredNetwork("CNN " + channels + "x" + height + "x" + width, layers, activations);
  }

  /**
   * Convolutional layers, then dense layers over the flattened feature maps: a node's rows are
   * images flattened C x H x W, so the first dense layer reads the last convolution's F x H x W
   * maps as one vector of F * H * W units (PyTorch's {@code nn.Flatten} order). The Jacobian passes
   * (transposed, forward-mode, the exact trace) work through the mixed stack unchanged.
   * Glorot-uniform weights and zero biases from one {@link Random} with the seed, convolutions
   * first, so the convolutions equal those of {@link #initialise} with the same seed.
   *
   * @param denseWidths the width of each dense layer after the convolutions (at least one)
   * @param activations one per layer: the convolutions', then the dense layers'
   */
  public static LayeredNetwork withDenseLayers(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      List<Integer> denseWidths,
      List<Activation> activations,
      long seed,
      DataType type) {
    if (denseWidths.isEmpty() || denseWidths.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException(
          "the dense layers after the convolutions need positive widths, got " + denseWidths);
    }
    Random random = new Random(seed);
    List<Layer> layers = convolutions(channels, height, width, filters, kernels, random, type);
    int in = layers.get(layers.size() - 1).outputSize();
    for (int widthOut : denseWidths) {
      layers.add(DenseLayer.glorot(layers.size(), in, widthOut, random, type));
      in = widthOut;
    }
    return new LayeredNetwork(
        "CNN " + channels + "x" + height + "x" + width + " + dense", layers, activations);
  }

  private static List<Layer> convolutions(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      Random random,
      DataType type) {
    if (filters.isEmpty() || filters.size() != kernels.size()) {
      throw new IllegalArgumentException(
          "a CNN needs one kernel size per layer, got filters "
              + filters
              + " and kernels "
              + kernels);
    }
    List<Layer> layers = new ArrayList<>();
    int in = channels;
    for (int l = 0; l < filters.size(); l++) {
      ConvShape shape = new ConvShape(in, height, width, filters.get(l), kernels.get(l));
      layers.add(ConvLayer.glorot(l, shape, random, type));
      in = filters.get(l);
    }
    return layers;
  }

  /** A network with the given weights (filters x channels x k x k) and biases, by reference. */
  public static LayeredNetwork of(
      int channels,
      int height,
      int width,
      Activation activation,
      List<INDArray> weights,
      List<INDArray> biases) {
    List<Layer> layers = new ArrayList<>();
    int in = channels;
    for (int l = 0; l < weights.size(); l++) {
      long[] w = weights.get(l).shape();
      ConvShape shape = new ConvShape(in, height, width, (int) w[0], (int) w[2]);
      layers.add(new ConvLayer(l, shape, weights.get(l), biases.get(l)));
      in = (int) w[0];
    }
    return new LayeredNetwork("CNN " + channels + "x" + height + "x" + width, layers, activation);
  }
}
