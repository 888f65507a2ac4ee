package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;

/**
 * Mean squared reconstruction error, (1/d) ||x - x_hat||^2 averaged over the batch (Keras's "mse"):
 * how the paper's AE and CAE baselines are trained.
 */
public final class Reconstruction implements Objective {

  @Override
  public String name() {
    return "reconstruction";
  }

  @Override
  public TrainingStep prepare(Context context) {
    GraphStep step = new GraphStep(context);
    Graph g = step.graph;
    Node residual = g.sub(step.batch, context.model().build(g, step.batch).reconstruction());
    int d = context.model().inputSize();
    step.setLoss(step.meanOf(g.scale(g.sumSquaresRows(residual), 1.0 / d)));
    return step;
  }
}
