package org.delvm.benchmark.models;

import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws samples from any trained energy by Langevin dynamics, x <- x - eps grad E(x) + sqrt(2 eps)
 * z, z ~ N(0, I) (the lecture notes' update with grad log p = -grad E), for the report's pictures.
 */
public final class LangevinSampler {

  private final int steps;
  private final double stepSize;
  private final long seed;

  public LangevinSampler(int steps, double stepSize, long seed) {
    if (steps < 0 || !(stepSize > 0)) {
      throw new IllegalArgumentException(
          "Langevin sampling needs steps >= 0 and a positive step size, got "
              + steps
              + " and "
              + stepSize);
    }
    this.steps = steps;
    this.stepSize = stepSize;
    this.seed = seed;
  }

  /** Runs the chains from the rows of {@code start} (n x d, not modified); returns the samples. */
  public INDArray sample(EnergyModel model, INDArray start) {
    Graph g = new Graph(model.dataType(), false);
    Node x = g.input(start.rows(), model.inputSize());
    Node gradient = model.build(g, x).energyGradient();
    INDArray noise = x.value().ulike();
    Random random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    x.value().assign(start);
    double noiseScale = Math.sqrt(2 * stepSize);
    for (int t = 0; t < steps; t++) {
      g.forward();
      Nd4j.getExecutioner().exec(new GaussianDistribution(noise, 0, noiseScale), random);
      x.value().subi(gradient.value().muli(stepSize)).addi(noise);
    }
    return x.value().dup();
  }
}
