package org.delvm.benchmark.models.training;

import java.util.Arrays;

/**
 * How a model is trained: Adam with one learning rate per layer (the paper's setting), batch size,
 * epochs and the seed of the data order.
 *
 * @param divergenceLoss a batch loss whose magnitude exceeds this is treated as divergence
 */
public record TrainingSettings(
    int epochs, int batchSize, double[] learningRates, long seed, double divergenceLoss) {

  public TrainingSettings {
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
    }
    if (learningRates.length == 0 || Arrays.stream(learningRates).anyMatch(r -> !(r > 0))) {
      throw new IllegalArgumentException(
          "learningRates must hold one positive rate per layer, got "
              + Arrays.toString(learningRates));
    }
    learningRates = learningRates.clone();
  }

  /** Settings with the default divergence limit of 1e12. */
  public TrainingSettings(int epochs, int batchSize, double[] learningRates, long seed) {
    this(epochs, batchSize, learningRates, seed, 1e12);
  }

  /** The learning rate of a layer; the last rate applies to deeper layers. */
  public double learningRate(int layer) {
    return learningRates[Math.min(layer, learningRates.length - 1)];
  }

  @Override
  public double[] learningRates() {
    return learningRates.clone();
  }
}
