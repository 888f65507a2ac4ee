package org.delvm.benchmark.models.objectives;

import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Noise-contrastive estimation (Gutmann and Hyvarinen 2010): a classifier tells data from as many
 * noise samples, with logit log p_model(x) - log q(x), log p_model(x) = -E(x) - log Z and log Z a
 * learned parameter. The noise q is a Gaussian with a diagonal covariance fitted to the training
 * data (per-dimension mean and standard deviation, floored at 1e-3). Loss: mean softplus(-logit)
 * over data plus mean softplus(logit) over noise.
 */
public final class NoiseContrastiveEstimation implements Objective {

  private static final double MIN_STD = 1e-3;

  /** Shared by the steps of one training run (one per batch size). */
  private Parameter logPartition;

  @Override
  public String name() {
    return "nce";
  }

  /** The learned log Z, once a step has been prepared. */
  public double logPartition() {
    return logPartition.value().getDouble(0);
  }

  @Override
  public TrainingStep prepare(Context context) {
    EnergyModel model = context.model();
    int n = context.batchRows();
    int d = model.inputSize();
    INDArray data = context.trainingData();
    INDArray mean = data.mean(0).reshape(1, d);
    INDArray std = data.std(false, 0).reshape(1, d);
    Transforms.max(std, MIN_STD, false);
    double logNormaliser =
        -Transforms.log(std, true).sumNumber().doubleValue() - 0.5 * d * Math.log(2 * Math.PI);
    if (logPartition == null) {
      logPartition = Parameter.of("logZ", 0, Nd4j.zeros(model.dataType(), 1, 1));
    }
    List<Parameter> trained = new ArrayList<>(model.parameters());
    trained.add(logPartition);
    GraphStep step = new GraphStep(context, trained);
    Graph g = step.graph;
    Node noise = g.input(n, d);
    Node logNoiseOfData = g.input(n, 1);
    Node logNoiseOfNoise = g.input(n, 1);
    INDArray standardised = Nd4j.create(model.dataType(), n, d);
    Random random = Nd4j.getRandomFactory().getNewRandomInstance(context.seed());
    step.beforeEachStep(
        () -> {
          INDArray z = noise.value();
          Nd4j.getExecutioner().exec(new GaussianDistribution(z, 0, 1), random);
          z.muliRowVector(std).addiRowVector(mean);
          logDensity(step.batch(), mean, std, logNormaliser, standardised, logNoiseOfData.value());
          logDensity(z, mean, std, logNormaliser, standardised, logNoiseOfNoise.value());
        });
    Node logZ = g.parameter(logPartition);
    step.setLoss(
        classificationLoss(
            g,
            step,
            logit(g, model.build(g, step.batch).energy(), logZ, logNoiseOfData),
            logit(g, model.build(g, noise).energy(), logZ, logNoiseOfNoise)));
    return step;
  }

  /** -E(x) - log Z - log q(x), n x 1. */
  static Node logit(Graph g, Node energy, Node logZ, Node logNoise) {
    return g.sub(g.scale(g.addRowVector(energy, logZ), -1.0), logNoise);
  }

  /**
   * The logistic loss of telling data from noise: mean softplus(-logit) over the data plus mean
   * softplus(logit) over the noise (shared with flow contrastive estimation).
   */
  static Node classificationLoss(Graph g, GraphStep step, Node dataLogit, Node noiseLogit) {
    Node dataTerm = step.meanOf(g.activation(g.scale(dataLogit, -1.0), Activation.SOFTPLUS, 0));
    Node noiseTerm = step.meanOf(g.activation(noiseLogit, Activation.SOFTPLUS, 0));
    return g.add(dataTerm, noiseTerm);
  }

  /** log q(x) per row into {@code out} (n x 1), using {@code scratch} (n x d). */
  private static void logDensity(
      INDArray x,
      INDArray mean,
      INDArray std,
      double logNormaliser,
      INDArray scratch,
      INDArray out) {
    scratch.assign(x).subiRowVector(mean).diviRowVector(std);
    scratch.muli(scratch).sum(out.reshape(out.length()), 1);
    out.muli(-0.5).addi(logNormaliser);
  }
}
