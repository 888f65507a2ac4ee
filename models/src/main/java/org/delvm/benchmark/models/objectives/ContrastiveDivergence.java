package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.DelvmGibbsSampler;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.GibbsSampling;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;

/**
 * Contrastive divergence (CD-k). For an RBM, k sweeps of its block Gibbs sampler from the data. For
 * a DELVM, the sampler of the earlier DELVM paper: starting at the data, k times draw h ~ N(f(x),
 * I) and move to x' = J(x)^T h = sum_j h_j grad_x f_j(x). The update direction is E_data[dE/dtheta]
 * - E_samples[dE/dtheta], the gradient of the surrogate mean E(data) - mean E(samples) with the
 * samples held fixed; that surrogate is the reported "loss".
 *
 * <p>With {@code xNoise} (the default) the move is x' = J(x)^T h + N(0, I), exact block Gibbs for a
 * linear f (see {@link DelvmGibbsSampler}); the paper's literal x' = J^T h is the option {@code
 * xNoise = false}, whose samples are too concentrated (a test shows it).
 */
public final class ContrastiveDivergence implements Objective {

  private final int steps;
  private final boolean xNoise;

  public ContrastiveDivergence(int steps, boolean xNoise) {
    if (steps < 1) {
      throw new IllegalArgumentException("cd needs k >= 1 sampling steps, got " + steps);
    }
    this.steps = steps;
    this.xNoise = xNoise;
  }

  @Override
  public String name() {
    return "cd";
  }

  @Override
  public TrainingStep prepare(Context context) {
    EnergyModel model = context.model();
    GibbsSampling.Sampler sampler;
    if (model instanceof Delvm delvm) {
      sampler = new DelvmGibbsSampler(delvm, context.batchRows(), xNoise, context.seed());
    } else if (model instanceof GibbsSampling gibbs) {
      sampler = gibbs.gibbsSampler(context.batchRows(), context.seed());
    } else {
      throw new IllegalArgumentException(
          "cd needs a block-Gibbs sampler; model "
              + model.describe()
              + " has none: use pcd-langevin");
    }
    GraphStep step = new GraphStep(context);
    Graph g = step.graph;
    Node samples = g.input(context.batchRows(), model.inputSize());
    step.beforeEachStep(() -> samples.value().assign(sampler.run(step.batch(), steps)));
    Node dataEnergy = step.meanOf(model.build(g, step.batch).energy());
    Node sampleEnergy = step.meanOf(model.build(g, samples).energy());
    step.setLoss(g.sub(dataEnergy, sampleEnergy));
    return step;
  }
}
