package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An autoencoder x -> decoder(encoder(x)), the paper's AE (dense) and CAE (convolutional)
 * baselines, trained on squared error (objective {@code reconstruction}). The decoder mirrors the
 * encoder and ends with a linear layer. For the CAE the decoder uses stride-1 same-padding
 * convolutions: at stride 1 a transposed convolution is a convolution with a flipped kernel, so the
 * two span the same functions.
 *
 * <p>Its "energy" is 1/2 ||x - x_hat||^2, the anomaly score; it defines no score function, so the
 * score-based objectives refuse it.
 */
public final class Autoencoder implements EnergyModel {

  private final LayeredNetwork encoder;
  private final LayeredNetwork decoder;
  private final Inference inference = new Inference(this);

  public Autoencoder(LayeredNetwork encoder, LayeredNetwork decoder) {
    if (encoder.outputSize() != decoder.inputSize()
        || decoder.outputSize() != encoder.inputSize()) {
      throw new IllegalArgumentException(
          "the decoder must map the encoder's "
              + encoder.outputSize()
              + " outputs back to its "
              + encoder.inputSize()
              + " inputs, got "
              + decoder.inputSize()
              + " -> "
              + decoder.outputSize());
    }
    this.encoder = encoder;
    this.decoder = decoder;
  }

  /** Dense: encoder widths w_1..w_K, decoder w_{K-1}..w_1, d; the decoder's output is linear. */
  public static Autoencoder dense(
      int inputSize, List<Integer> widths, Activation activation, long seed, DataType type) {
    LayeredNetwork encoder = Mlp.initialise(inputSize, widths, activation, seed, type);
    List<Integer> back = new ArrayList<>(widths.subList(0, widths.size() - 1));
    Collections.reverse(back);
    back.add(inputSize);
    return new Autoencoder(
        encoder,
        Mlp.initialise(
            widths.get(widths.size() - 1),
            back,
            activationsEndingLinear(back.size(), activation),
            seed + 1,
            type));
  }

  /** Convolutional: the encoder's filters reversed, then back to the input's channels, linear. */
  public static Autoencoder convolutional(
      int channels,
      int height,
      int width,
      List<Integer> filters,
      List<Integer> kernels,
      Activation activation,
      long seed,
      DataType type) {
    LayeredNetwork encoder =
        Cnn.initialise(channels, height, width, filters, kernels, activation, seed, type);
    List<Integer> backFilters = new ArrayList<>(filters.subList(0, filters.size() - 1));
    Collections.reverse(backFilters);
    backFilters.add(channels);
    List<Integer> backKernels = new ArrayList<>(kernels);
    Collections.reverse(backKernels);
    return new Autoencoder(
        encoder,
        Cnn.initialise(
            filters.get(filters.size() - 1),
            height,
            width,
            backFilters,
            backKernels,
            activationsEndingLinear(backFilters.size(), activation),
            seed + 1,
            type));
  }

  private static List<Activation> activationsEndingLinear(int layers, Activation activation) {
    List<Activation> all = new ArrayList<>(Collections.nCopies(layers - 1, activation));
    all.add(Activation.LINEAR);
    return all;
  }

  @Override
  public int inputSize() {
    return encoder.inputSize();
  }

  @Override
  public DataType dataType() {
    return encoder.parameters().get(0).value().dataType();
  }

  @Override
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>(encoder.parameters());
    for (Parameter p : decoder.parameters()) {
      // The decoder's layers follow the encoder's, for per-layer learning rates.
      all.add(
          new Parameter("dec_" + p.name(), encoder.depth() + p.layer(), p.value(), p.gradient()));
    }
    return all;
  }

  @Override
  public String describe() {
    return "AE (encoder " + encoder.describe() + ", decoder " + decoder.describe() + ")";
  }

  @Override
  public EnergyGraph build(Graph g, Node x) {
    FeatureNetwork.Features code = encoder.build(g, x);
    Node reconstruction = decoder.build(g, code.output()).output();
    return new EnergyGraph() {
      @Override
      public Node energy() {
        return g.scale(g.sumSquaresRows(g.sub(x, reconstruction)), 0.5);
      }

      @Override
      public Node energyGradient() {
        throw noScore();
      }

      @Override
      public Node energyLaplacian() {
        throw noScore();
      }

      @Override
      public Node hessianQuadraticForm(Node directions, int k) {
        throw noScore();
      }

      @Override
      public Node reconstruction() {
        return reconstruction;
      }

      @Override
      public List<Node> features() {
        return code.layers();
      }
    };
  }

  private static UnsupportedOperationException noScore() {
    return new UnsupportedOperationException(
        "an autoencoder defines no score function: train it with the objective 'reconstruction'");
  }

  /** The encoder, whose layers are the features the autoencoder learned. */
  public LayeredNetwork encoder() {
    return encoder;
  }

  /** ||x - x_hat||^2 per sample, the anomaly score. */
  public INDArray reconstructionError(INDArray x) {
    return inference.run(x, Inference.Quantity.RECONSTRUCTION_ERROR);
  }
}
