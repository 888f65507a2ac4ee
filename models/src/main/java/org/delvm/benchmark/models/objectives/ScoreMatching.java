package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;

/**
 * Exact score matching (Hyvarinen 2005): per sample L(x) = 1/2 ||grad E||^2 - tr(Hessian E), the
 * Fisher divergence up to a constant.
 *
 * <p>The paper prints the trace with a plus sign (eq. 8 and 12); {@link Sign#AS_PRINTED} implements
 * that variant, {@code sm-printed}, so the report can show which one reproduces the paper. With the
 * printed sign a 1-D Gaussian has no minimum at the data variance.
 *
 * <p>Cost: the model computes tr(Hessian E) exactly. For a DELVM with one layer (dense or
 * convolutional) that is a closed form; deeper networks push the d unit vectors of every sample
 * through a forward-mode pass, d times the cost of a forward pass.
 */
public final class ScoreMatching implements Objective {

  /** The sign in front of the Hessian-trace term. */
  public enum Sign {
    /** Hyvarinen's objective: 1/2 ||grad E||^2 - tr(Hessian E). */
    HYVARINEN(-1.0, "sm"),
    /** The paper's printed eq. (8): 1/2 ||grad E||^2 + tr(Hessian E). */
    AS_PRINTED(1.0, "sm-printed");

    final double traceFactor;
    final String objectiveName;

    Sign(double traceFactor, String objectiveName) {
      this.traceFactor = traceFactor;
      this.objectiveName = objectiveName;
    }
  }

  private final Sign sign;

  public ScoreMatching(Sign sign) {
    this.sign = sign;
  }

  @Override
  public String name() {
    return sign.objectiveName;
  }

  /** The objective per sample (n x 1) at x, as graph nodes. */
  Node perSample(Graph g, EnergyModel.EnergyGraph e) {
    Node halfSquaredScore = g.scale(g.sumSquaresRows(e.energyGradient()), 0.5);
    return g.add(halfSquaredScore, g.scale(e.energyLaplacian(), sign.traceFactor));
  }

  /**
   * The step: for a DELVM with one ReLU layer (dense, or a convolution the closed form supports)
   * the hand-written closed form ({@link ClosedFormScoreMatching}), else the graph; {@code
   * -Ddelvm.sm.graph=true} forces the graph.
   */
  @Override
  public TrainingStep prepare(Context context) {
    if (!Boolean.getBoolean("delvm.sm.graph")) {
      TrainingStep closedForm = ClosedFormScoreMatching.of(context, sign.traceFactor);
      if (closedForm != null) {
        return closedForm;
      }
    }
    return prepareGraph(context);
  }

  /** The step as a graph (the general path, and the reference of the closed forms). */
  GraphStep prepareGraph(Context context) {
    GraphStep step = new GraphStep(context);
    Graph g = step.graph;
    step.setLoss(step.meanOf(perSample(g, context.model().build(g, step.batch))));
    return step;
  }
}
