package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sliced score matching (Song et al. 2019): the trace is replaced by random projections, E_v[v^T
 * Hessian(E) v] = tr(Hessian E) for E[v v^T] = I. Per sample and projection, with s = -grad E:
 * {@code v^T (grad s) v + 1/2 (v^T s)^2}, or in the variance-reduced form {@code v^T (grad s) v +
 * 1/2 ||s||^2}. Cost: one forward-mode pass per projection instead of d.
 */
public final class SlicedScoreMatching implements Objective {

  /** The distribution of the projection directions. */
  public enum Directions {
    RADEMACHER,
    GAUSSIAN
  }

  private final int projections;
  private final Directions directions;
  private final boolean varianceReduced;

  public SlicedScoreMatching(int projections, Directions directions, boolean varianceReduced) {
    if (projections < 1) {
      throw new IllegalArgumentException("ssm needs >= 1 projection, got " + projections);
    }
    this.projections = projections;
    this.directions = directions;
    this.varianceReduced = varianceReduced;
  }

  @Override
  public String name() {
    return "ssm";
  }

  @Override
  public TrainingStep prepare(Context context) {
    int k = projections;
    int n = context.batchRows();
    Random random = Nd4j.getRandomFactory().getNewRandomInstance(context.seed());
    GraphStep step = new GraphStep(context);
    Graph g = step.graph;
    Node v = g.input((long) k * n, context.model().inputSize());
    step.beforeEachStep(
        () -> {
          if (directions == Directions.GAUSSIAN) {
            Nd4j.getExecutioner().exec(new GaussianDistribution(v.value(), 0, 1), random);
          } else {
            Nd4j.getExecutioner().exec(new BernoulliDistribution(v.value(), 0.5), random);
            v.value().muli(2).subi(1);
          }
        });
    EnergyModel.EnergyGraph e = context.model().build(g, step.batch);
    // v^T (grad s) v = -v^T Hessian(E) v, one row per (projection, sample).
    Node curvature = g.scale(e.hessianQuadraticForm(v, k), -1.0);
    Node gradient = e.energyGradient();
    Node perProjection;
    if (varianceReduced) {
      Node halfSquaredScore = g.scale(g.sumSquaresRows(gradient), 0.5);
      perProjection = g.add(g.sumBlocks(curvature, k), g.scale(halfSquaredScore, k));
    } else {
      Node projected = g.sumRows(g.mulBlocks(v, gradient, k));
      perProjection = g.sumBlocks(g.add(curvature, g.scale(g.mul(projected, projected), 0.5)), k);
    }
    step.setLoss(g.scale(step.meanOf(perProjection), 1.0 / k));
    return step;
  }
}
