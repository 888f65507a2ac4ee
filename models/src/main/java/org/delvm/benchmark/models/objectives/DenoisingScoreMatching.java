package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Denoising score matching (Vincent 2011): x~ = x + sigma eps, loss 1/2 ||s(x~) + (x~ - x) /
 * sigma^2||^2 = 1/2 ||grad E(x~) - eps / sigma||^2. One gradient of E per sample; it matches the
 * score of the data convolved with N(0, sigma^2 I), not of the data itself.
 */
public final class DenoisingScoreMatching implements Objective {

  private final double sigma;

  public DenoisingScoreMatching(double sigma) {
    if (!(sigma > 0)) {
      throw new IllegalArgumentException("dsm needs a noise level sigma > 0, got " + sigma);
    }
    this.sigma = sigma;
  }

  @Override
  public String name() {
    return "dsm";
  }

  @Override
  public TrainingStep prepare(Context context) {
    GraphStep step = new GraphStep(context);
    Graph g = step.graph;
    long n = context.batchRows();
    int d = context.model().inputSize();
    Node noisy = g.input(n, d);
    Node target = g.input(n, d); // eps / sigma
    Random random = Nd4j.getRandomFactory().getNewRandomInstance(context.seed());
    step.beforeEachStep(
        () -> {
          INDArray t = target.value();
          Nd4j.getExecutioner().exec(new GaussianDistribution(t, 0, 1.0 / sigma), random);
          noisy.value().assign(t).muli(sigma * sigma).addi(step.batch());
        });
    EnergyModel.EnergyGraph e = context.model().build(g, noisy);
    Node residual = g.sub(e.energyGradient(), target);
    step.setLoss(step.meanOf(g.scale(g.sumSquaresRows(residual), 0.5)));
    return step;
  }
}
