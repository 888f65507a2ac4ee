package org.delvm.benchmark.models.objectives;

import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.models.AffineCouplingFlow;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Flow contrastive estimation (Gao et al. 2020; the lecture notes' section 5): noise-contrastive
 * estimation whose noise distribution q is a normalising flow ({@link AffineCouplingFlow}) trained
 * against the energy model. The value function is NCE's, with as many flow samples as data rows:
 *
 * <pre>
 *   L = mean_data softplus(-logit) + mean_flow softplus(logit),
 *   logit(x) = -E(x) - log Z - log q(x),
 * </pre>
 *
 * minimised by the energy model and its learned log Z (as in NCE) and maximised by the flow: the
 * flow moves towards the data, where the classification is hardest, so that the noise keeps being
 * informative as the model improves (NCE with an easy noise learns little). The flow's samples are
 * reparameterised (x = flow(z), z ~ N(0, I)), so its gradient flows through both log q and the
 * energy at the samples. Both players take one simultaneous step per batch: the step writes
 * -dL/d(flow) into the flow's gradients, so the trainer's descent step is the flow's ascent.
 *
 * <p>The flow starts as NCE's noise (the data's diagonal Gaussian, see {@link
 * AffineCouplingFlow#initialise}), so the two objectives differ only in the flow's updates.
 */
public final class FlowContrastiveEstimation implements Objective {

  private final int couplings;
  private final int hiddenUnits;

  /** Shared by the steps of one training run (one per batch size). */
  private Parameter logPartition;

  private AffineCouplingFlow flow;

  public FlowContrastiveEstimation(int couplings, int hiddenUnits) {
    if (couplings < 1 || hiddenUnits < 1) {
      throw new IllegalArgumentException(
          "fce needs couplings >= 1 and hiddenUnits >= 1, got "
              + couplings
              + " and "
              + hiddenUnits);
    }
    this.couplings = couplings;
    this.hiddenUnits = hiddenUnits;
  }

  @Override
  public String name() {
    return "fce";
  }

  /** The learned log Z, once a step has been prepared. */
  public double logPartition() {
    return logPartition.value().getDouble(0);
  }

  /** The trained noise flow, once a step has been prepared. */
  public AffineCouplingFlow flow() {
    if (flow == null) {
      throw new IllegalStateException("fce has no flow before a training step is prepared");
    }
    return flow;
  }

  @Override
  public TrainingStep prepare(Context context) {
    EnergyModel model = context.model();
    int n = context.batchRows();
    int d = model.inputSize();
    if (flow == null) {
      flow =
          AffineCouplingFlow.initialise(
              context.trainingData(), couplings, hiddenUnits, context.seed(), model.dataType());
      logPartition = Parameter.of("logZ", 0, Nd4j.zeros(model.dataType(), 1, 1));
    }
    List<Parameter> trained = new ArrayList<>(model.parameters());
    trained.add(logPartition);
    trained.addAll(flow.parameters());
    GraphStep step = new GraphStep(context, trained);
    step.ascend(flow.parameters());
    Graph g = step.graph;
    Node base = g.input(n, d);
    Random random = Nd4j.getRandomFactory().getNewRandomInstance(context.seed());
    step.beforeEachStep(
        () -> Nd4j.getExecutioner().exec(new GaussianDistribution(base.value(), 0, 1), random));
    AffineCouplingFlow.Sample noise = flow.sample(g, base);
    Node logZ = g.parameter(logPartition);
    Node dataLogit =
        NoiseContrastiveEstimation.logit(
            g, model.build(g, step.batch).energy(), logZ, flow.logDensity(g, step.batch));
    Node noiseLogit =
        NoiseContrastiveEstimation.logit(
            g, model.build(g, noise.x()).energy(), logZ, noise.logDensity());
    step.setLoss(NoiseContrastiveEstimation.classificationLoss(g, step, dataLogit, noiseLogit));
    return step;
  }
}
