package org.delvm.benchmark.models;

import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DELVM sampler: h ~ N(f(x), I), then x' = J(x)^T h (+ N(0, I) with {@code xNoise}). For a
 * linear f, p(x|h) = N(W^T h, I) and the noisy move is exact block Gibbs sampling of the joint
 * energy; the paper's move x' = J^T h is that conditional's mean. Runs many chains at once (one per
 * row) and reuses its buffers between calls.
 */
public final class DelvmGibbsSampler implements GibbsSampling.Sampler {

  private final Graph graph;
  private final Node current;
  private final Node hiddenNoise;
  private final Node next;
  private final INDArray moveNoise;
  private final Random random;

  public DelvmGibbsSampler(Delvm model, int chains, boolean xNoise, long seed) {
    graph = new Graph(model.dataType(), false);
    current = graph.input(chains, model.inputSize());
    FeatureNetwork.Features f = model.network().build(graph, current);
    hiddenNoise = graph.input(chains, model.network().outputSize());
    next = f.transposeJacobianTimes(graph.add(f.output(), hiddenNoise));
    moveNoise = xNoise ? current.value().ulike() : null;
    random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  /**
   * Runs {@code steps} moves from {@code start} (chains x d, not modified). The returned array is
   * this sampler's buffer, valid until the next call.
   */
  @Override
  public INDArray run(INDArray start, int steps) {
    INDArray x = current.value().assign(start);
    for (int i = 0; i < steps; i++) {
      Nd4j.getExecutioner().exec(new GaussianDistribution(hiddenNoise.value(), 0, 1), random);
      graph.forward();
      x.assign(next.value());
      if (moveNoise != null) {
        Nd4j.getExecutioner().exec(new GaussianDistribution(moveNoise, 0, 1), random);
        x.addi(moveNoise);
      }
    }
    return x;
  }
}
