package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingResult;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Greedy layer-wise pre-training with stacked RBMs (the RBM slides: stacked RBMs, a DBN, an MLP
 * initialised from it). Layer 1 is a Gaussian-Bernoulli RBM with unit-variance visible units over
 * the real-valued data (a {@link Dem} without g layers, whose block Gibbs sampler is exact); every
 * further layer is a binary {@link Rbm} trained on the previous layer's p(h|v) = sigmoid(W v + c)
 * (the mean-field probabilities, not samples). Each RBM is trained by the {@code cd} objective
 * (CD-k, block Gibbs from the data) through {@link ModelTrainer}, i.e. with Adam at one learning
 * rate (the project's optimiser, instead of the slides' plain SGD step) and a seeded data order;
 * one seed gives bit-identical RBMs.
 *
 * <p>{@link #network()} is then an MLP with one sigmoid dense layer per RBM, initialised with a
 * copy of each RBM's weights W (hidden x visible) and hidden bias c, so that its layer l computes
 * p(h_l | h_{l-1}): f of a {@link Delvm} or a feature extractor. The visible biases are not used by
 * the MLP. The unit-variance Gaussian assumes standardised inputs (zero mean, unit variance per
 * dimension) for the first layer to be a sensible density model.
 */
public final class StackedRbm {

  /** Standard deviation of the initial RBM weights (Hinton's practical guide: 0.01). */
  public static final double INITIAL_WEIGHT_STD = 0.01;

  private final Dem gaussianRbm;
  private final List<Rbm> binaryRbms;
  private final List<TrainingResult> trainings;
  private final LayeredNetwork network;

  private StackedRbm(Dem gaussianRbm, List<Rbm> binaryRbms, List<TrainingResult> trainings) {
    this.gaussianRbm = gaussianRbm;
    this.binaryRbms = List.copyOf(binaryRbms);
    this.trainings = List.copyOf(trainings);
    List<INDArray> weights = new ArrayList<>();
    List<INDArray> biases = new ArrayList<>();
    for (int l = 0; l < depth(); l++) {
      weights.add(weights(l).dup());
      biases.add(hiddenBias(l).dup());
    }
    this.network = Mlp.of(Activation.SIGMOID, weights, biases);
  }

  /**
   * Trains the RBMs one after the other, bottom up.
   *
   * @param data n x d real-valued training rows (their type is the models' type)
   * @param widths hidden units of each RBM, bottom up (at least one)
   * @param k Gibbs steps of CD-k
   * @param epochs passes over the data per RBM (0 gives the initial RBMs)
   * @param batchSize mini-batch size
   * @param learningRate Adam's learning rate, for every RBM
   * @param seed seeds the weights, the data order and the Gibbs chains of every layer
   * @throws IllegalStateException when an RBM's training diverges
   */
  public static StackedRbm pretrain(
      INDArray data,
      List<Integer> widths,
      int k,
      int epochs,
      int batchSize,
      double learningRate,
      long seed) {
    if (data.rank() != 2 || data.rows() < 1 || widths.isEmpty()) {
      throw new IllegalArgumentException(
          "pre-training needs n x d data and at least one layer width, got "
              + java.util.Arrays.toString(data.shape())
              + " and "
              + widths);
    }
    if (widths.stream().anyMatch(w -> w < 1)) {
      throw new IllegalArgumentException("layer widths must be positive, got " + widths);
    }
    DataType type = data.dataType();
    Random seeds = new Random(seed);
    Dem gaussian = null;
    List<Rbm> binary = new ArrayList<>();
    List<TrainingResult> trainings = new ArrayList<>();
    INDArray input = data;
    for (int l = 0; l < widths.size(); l++) {
      int visible = (int) input.columns();
      long initSeed = seeds.nextLong();
      long trainSeed = seeds.nextLong();
      EnergyModel rbm;
      if (l == 0) {
        gaussian =
            new Dem(
                Mlp.of(
                    Activation.SOFTPLUS,
                    List.of(smallGaussian(widths.get(0), visible, initSeed, type)),
                    List.of(Nd4j.zeros(type, 1, widths.get(0)))),
                Nd4j.zeros(type, 1, visible));
        rbm = gaussian;
      } else {
        Rbm next = Rbm.initialise(visible, widths.get(l), initSeed, type);
        binary.add(next);
        rbm = next;
      }
      TrainingResult result =
          new ModelTrainer(
                  new TrainingSettings(epochs, batchSize, new double[] {learningRate}, trainSeed),
                  p -> {})
              .train(rbm, Objectives.create("cd", Map.of("k", k)), input);
      if (result.status() != TrainingResult.Status.COMPLETED) {
        throw new IllegalStateException(
            "pre-training RBM " + (l + 1) + " (" + rbm.describe() + "): " + result.message());
      }
      trainings.add(result);
      input = hiddenMeans(input, weightsOf(gaussian, binary, l), biasOf(gaussian, binary, l));
    }
    return new StackedRbm(gaussian, binary, trainings);
  }

  /** Weights with i.i.d. N(0, INITIAL_WEIGHT_STD^2) entries, hidden x visible, seeded. */
  private static INDArray smallGaussian(int hidden, int visible, long seed, DataType type) {
    Random random = new Random(seed);
    double[] w = new double[hidden * visible];
    for (int i = 0; i < w.length; i++) {
      w[i] = INITIAL_WEIGHT_STD * random.nextGaussian();
    }
    return Nd4j.createFromArray(w).castTo(type).reshape(hidden, visible);
  }

  private static INDArray weightsOf(Dem gaussian, List<Rbm> binary, int layer) {
    return layer == 0 ? gaussian.network().weights(0).value() : binary.get(layer - 1).weights();
  }

  private static INDArray biasOf(Dem gaussian, List<Rbm> binary, int layer) {
    return layer == 0 ? gaussian.network().bias(0).value() : binary.get(layer - 1).hiddenBias();
  }

  /** sigmoid(v W^T + c), n x hidden. */
  private static INDArray hiddenMeans(INDArray v, INDArray weights, INDArray bias) {
    return Transforms.sigmoid(v.mmul(weights.transpose()).addiRowVector(bias), false);
  }

  /** Number of RBMs (and of the MLP's layers). */
  public int depth() {
    return 1 + binaryRbms.size();
  }

  /** The MLP initialised from the RBMs: one sigmoid dense layer per RBM, weights copied. */
  public LayeredNetwork network() {
    return network;
  }

  /** The bottom RBM: Gaussian visible units (unit variance), binary hidden units. */
  public Dem gaussianRbm() {
    return gaussianRbm;
  }

  /** The binary RBMs above it, bottom up. */
  public List<Rbm> binaryRbms() {
    return binaryRbms;
  }

  /** The trained weights of RBM {@code layer} (0 = the Gaussian one), hidden x visible. */
  public INDArray weights(int layer) {
    return weightsOf(gaussianRbm, binaryRbms, layer);
  }

  /** The trained hidden bias of RBM {@code layer}, 1 x hidden. */
  public INDArray hiddenBias(int layer) {
    return biasOf(gaussianRbm, binaryRbms, layer);
  }

  /** Each RBM's training run, bottom up. */
  public List<TrainingResult> trainings() {
    return trainings;
  }

  /** p(h|v) after the first {@code layers} RBMs (0 gives the data), n x width. */
  public INDArray features(INDArray data, int layers) {
    INDArray h = data;
    for (int l = 0; l < layers; l++) {
      h = hiddenMeans(h, weights(l), hiddenBias(l));
    }
    return h;
  }

  /** p(h|v) of the top RBM, through every layer: the DBN's features. */
  public INDArray features(INDArray data) {
    return features(data, depth());
  }
}
