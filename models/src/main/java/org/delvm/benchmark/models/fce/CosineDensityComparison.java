package org.delvm.benchmark.models.fce;

import java.util.List;
import java.util.Locale;
import org.delvm.benchmark.models.AffineCouplingFlow;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.Inference;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.FlowContrastiveEstimation;
import org.delvm.benchmark.models.objectives.NoiseContrastiveEstimation;
import org.delvm.benchmark.models.objectives.Objective;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingResult;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.delvm.benchmark.models.vae.CosineData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * NCE against flow contrastive estimation on the VAE paper's 3-D cosine data, where every density
 * involved can be evaluated: the same one-hidden-layer ReLU DELVM, trained by each objective with
 * the same epochs, batches, learning rate and seed, scored by its held-out log-likelihood -E(x) -
 * log Z with log Z computed, not learned: by importance sampling with a flow as the proposal (FCE's
 * trained flow; for NCE its fixed Gaussian noise, which is the untrained flow) and, as a check, by
 * the midpoint rule on a 3-D grid. Beside them: the FCE flow's exact held-out log-likelihood, NCE's
 * Gaussian's, and the data's true log-likelihood (the generator's density, by 1-D quadrature per
 * point), the ceiling.
 *
 * <p>Run it with {@code mvn -pl models exec:java
 * -Dexec.mainClass=org.delvm.benchmark.models.fce.CosineDensityComparison} or through its test.
 */
public final class CosineDensityComparison {

  private static final DataType D = DataType.DOUBLE;

  /** Sizes and training settings; both objectives get the same. */
  public record Settings(
      int trainPoints,
      int testPoints,
      int hiddenUnits,
      int epochs,
      int batchSize,
      double learningRate,
      int couplings,
      int flowHiddenUnits,
      int importanceSamples,
      int gridPerDimension,
      long seed) {

    /** The setting measured in docs/fce.md. */
    public static Settings standard() {
      return new Settings(2000, 2000, 64, 30, 100, 1e-3, 4, 32, 200_000, 160, 1);
    }
  }

  /**
   * One trained model's numbers (log-likelihoods are held-out means per point, in nats).
   *
   * @param learnedLogZ the log Z the objective learned alongside the model
   * @param logZGaussian log Z by importance sampling from NCE's Gaussian noise
   * @param essGaussian those importance weights' effective sample size over their number
   * @param logZFlow log Z by importance sampling from FCE's trained flow
   * @param essFlow those weights' effective sample fraction
   * @param logZGrid log Z by the midpoint rule on the grid around the data: the mass inside the box
   *     only, so a lower bound (up to the rule's error)
   * @param modelLogLikelihood -E(x) - log Z with log Z by the proposal of larger ESS
   * @param modelLogLikelihoodGrid -E(x) - logZGrid: an upper bound, as logZGrid is a lower one
   * @param noiseLogLikelihood the objective's noise distribution's exact held-out log-likelihood
   */
  public record Result(
      String objective,
      TrainingResult training,
      double learnedLogZ,
      double logZGaussian,
      double essGaussian,
      double logZFlow,
      double essFlow,
      double logZGrid,
      double modelLogLikelihood,
      double modelLogLikelihoodGrid,
      double noiseLogLikelihood) {}

  /** Both objectives and the data's true held-out log-likelihood. */
  public record Outcome(Settings settings, double trueLogLikelihood, Result nce, Result fce) {}

  private CosineDensityComparison() {}

  public static Outcome run(Settings s) {
    CosineData.Spec spec = CosineData.Spec.paper();
    INDArray train =
        CosineData.generate(
            new CosineData.Spec(s.trainPoints(), spec.halfWidth(), spec.noise()), s.seed(), D);
    INDArray test =
        CosineData.generate(
            new CosineData.Spec(s.testPoints(), spec.halfWidth(), spec.noise()),
            s.seed() + 1000,
            D);
    NoiseContrastiveEstimation nce = new NoiseContrastiveEstimation();
    Delvm nceModel = model(s);
    TrainingResult nceTraining = train(s, nceModel, nce, train);
    FlowContrastiveEstimation fce =
        new FlowContrastiveEstimation(s.couplings(), s.flowHiddenUnits());
    Delvm fceModel = model(s);
    TrainingResult fceTraining = train(s, fceModel, fce, train);
    // NCE's noise is the untrained flow: the data's diagonal Gaussian.
    AffineCouplingFlow gaussian =
        AffineCouplingFlow.initialise(train, s.couplings(), s.flowHiddenUnits(), s.seed(), D);
    Proposal fromGaussian = Proposal.of(gaussian, s.importanceSamples(), s.seed() + 7);
    Proposal fromFlow = Proposal.of(fce.flow(), s.importanceSamples(), s.seed() + 8);
    Result nceResult =
        evaluate(
            s,
            "nce",
            nceModel,
            nceTraining,
            nce.logPartition(),
            gaussian,
            fromGaussian,
            fromFlow,
            train,
            test);
    Result fceResult =
        evaluate(
            s,
            "fce",
            fceModel,
            fceTraining,
            fce.logPartition(),
            fce.flow(),
            fromGaussian,
            fromFlow,
            train,
            test);
    return new Outcome(s, trueLogLikelihood(spec, test), nceResult, fceResult);
  }

  /** Draws from a proposal with their log-densities, shared by both models' estimates. */
  private record Proposal(INDArray draws, INDArray logDensity) {
    static Proposal of(AffineCouplingFlow flow, int n, long seed) {
      INDArray draws = flow.sample(n, seed);
      return new Proposal(draws, flow.logDensity(draws));
    }

    /** log Z = log E_q[exp(-E) / q] and the weights' effective sample fraction. */
    double[] logPartition(Inference inference) {
      INDArray logWeights = inference.run(draws, Inference.Quantity.ENERGY).negi().subi(logDensity);
      return new double[] {logMeanExp(logWeights), effectiveSampleFraction(logWeights)};
    }
  }

  private static Delvm model(Settings s) {
    return new Delvm(Mlp.initialise(3, List.of(s.hiddenUnits()), Activation.RELU, s.seed(), D));
  }

  private static TrainingResult train(Settings s, Delvm model, Objective objective, INDArray x) {
    TrainingSettings settings =
        new TrainingSettings(s.epochs(), s.batchSize(), new double[] {s.learningRate()}, s.seed());
    return new ModelTrainer(settings, p -> {}).train(model, objective, x);
  }

  private static Result evaluate(
      Settings s,
      String name,
      Delvm model,
      TrainingResult training,
      double learnedLogZ,
      AffineCouplingFlow noise,
      Proposal fromGaussian,
      Proposal fromFlow,
      INDArray train,
      INDArray test) {
    Inference inference = new Inference(model);
    double[] gaussian = fromGaussian.logPartition(inference);
    double[] flow = fromFlow.logPartition(inference);
    double logZ = gaussian[1] > flow[1] ? gaussian[0] : flow[0];
    double logZGrid = gridLogPartition(inference, train, s.gridPerDimension());
    double meanEnergy = inference.run(test, Inference.Quantity.ENERGY).meanNumber().doubleValue();
    return new Result(
        name,
        training,
        learnedLogZ,
        gaussian[0],
        gaussian[1],
        flow[0],
        flow[1],
        logZGrid,
        -meanEnergy - logZ,
        -meanEnergy - logZGrid,
        noise.logDensity(test).meanNumber().doubleValue());
  }

  /**
   * log of the midpoint-rule integral of exp(-E) over the data's bounding box widened by 2 on every
   * side (the data lie within about 1.7 of the origin; a normalisable DELVM's tails decay like
   * exp(-||x||^2 / 2) away from where f is active). Mass outside the box is missed.
   */
  static double gridLogPartition(Inference inference, INDArray data, int m) {
    double[] lo = new double[3];
    double[] step = new double[3];
    for (int j = 0; j < 3; j++) {
      INDArray column = data.getColumn(j);
      lo[j] = column.minNumber().doubleValue() - 2;
      step[j] = (column.maxNumber().doubleValue() + 2 - lo[j]) / m;
    }
    double cell = step[0] * step[1] * step[2];
    // One plane of m x m points at a time keeps the buffer small; log-sum-exp across planes.
    INDArray plane = Nd4j.create(D, (long) m * m, 3);
    for (int i = 0; i < m; i++) {
      for (int k = 0; k < m; k++) {
        plane.putScalar((long) i * m + k, 0, lo[0] + (i + 0.5) * step[0]);
        plane.putScalar((long) i * m + k, 1, lo[1] + (k + 0.5) * step[1]);
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (int l = 0; l < m; l++) {
      plane.getColumn(2).assign(lo[2] + (l + 0.5) * step[2]);
      INDArray logDensity = inference.run(plane, Inference.Quantity.ENERGY).negi();
      double planeMax = logDensity.maxNumber().doubleValue();
      double planeSum =
          org.nd4j.linalg.ops.transforms.Transforms.exp(logDensity.subi(planeMax), false)
              .sumNumber()
              .doubleValue();
      if (planeMax > max) {
        sum = sum * Math.exp(max - planeMax) + planeSum;
        max = planeMax;
      } else {
        sum += planeSum * Math.exp(planeMax - max);
      }
    }
    return max + Math.log(sum) + Math.log(cell);
  }

  /**
   * The generator's exact density (see {@link CosineData}): a, b uniform on [-w, w], the point (a,
   * b, cos a) plus N(0, noise^2 I). Per held-out point, p = (1/2w)^2 * [integral over a of N(x - a)
   * N(z - cos a) da] * [integral over b of N(y - b) db], both by the midpoint rule with 4000 nodes
   * (step ~8e-4, far below the noise 0.05).
   */
  static double trueLogLikelihood(CosineData.Spec spec, INDArray test) {
    double w = spec.halfWidth();
    double sigma = spec.noise();
    int nodes = 4000;
    double h = 2 * w / nodes;
    double norm = 1 / (Math.sqrt(2 * Math.PI) * sigma);
    double total = 0;
    for (int r = 0; r < test.rows(); r++) {
      double x = test.getDouble(r, 0);
      double y = test.getDouble(r, 1);
      double z = test.getDouble(r, 2);
      double ia = 0;
      double ib = 0;
      for (int k = 0; k < nodes; k++) {
        double a = -w + (k + 0.5) * h;
        double dx = (x - a) / sigma;
        double dz = (z - Math.cos(a)) / sigma;
        ia += norm * norm * Math.exp(-0.5 * (dx * dx + dz * dz)) * h;
        double dy = (y - a) / sigma;
        ib += norm * Math.exp(-0.5 * dy * dy) * h;
      }
      total += Math.log(ia * ib / (4 * w * w));
    }
    return total / test.rows();
  }

  private static double logMeanExp(INDArray v) {
    double max = v.maxNumber().doubleValue();
    double sum =
        org.nd4j.linalg.ops.transforms.Transforms.exp(v.sub(max), false).sumNumber().doubleValue();
    return max + Math.log(sum / v.length());
  }

  /** (sum w)^2 / (n sum w^2) for the weights exp(logWeights). */
  private static double effectiveSampleFraction(INDArray logWeights) {
    double max = logWeights.maxNumber().doubleValue();
    INDArray w = org.nd4j.linalg.ops.transforms.Transforms.exp(logWeights.sub(max), false);
    double sum = w.sumNumber().doubleValue();
    double squares = w.mul(w).sumNumber().doubleValue();
    return sum * sum / (logWeights.length() * squares);
  }

  /**
   * Prints the comparison at {@link Settings#standard()}; optional arguments: epochs, then the
   * seed.
   */
  public static void main(String[] args) {
    Settings s = Settings.standard();
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : s.epochs();
    long seed = args.length > 1 ? Long.parseLong(args[1]) : s.seed();
    System.out.println(
        format(
            run(
                new Settings(
                    s.trainPoints(),
                    s.testPoints(),
                    s.hiddenUnits(),
                    epochs,
                    s.batchSize(),
                    s.learningRate(),
                    s.couplings(),
                    s.flowHiddenUnits(),
                    s.importanceSamples(),
                    s.gridPerDimension(),
                    seed))));
  }

  /** The outcome as the table docs/fce.md holds. */
  public static String format(Outcome o) {
    StringBuilder b = new StringBuilder();
    b.append(o.settings()).append('\n');
    b.append(
        String.format(
            Locale.ROOT, "true held-out log-likelihood: %.4f nats/point%n", o.trueLogLikelihood()));
    b.append(
        "objective | training s | learned log Z | log Z (IS, Gaussian) | ESS | log Z (IS, FCE"
            + " flow) | ESS | log Z (grid) | EBM LL (IS) | EBM LL (grid, upper bound) | noise LL\n");
    for (Result r : List.of(o.nce(), o.fce())) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s | %.1f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f%s%n",
              r.objective(),
              r.training().seconds(),
              r.learnedLogZ(),
              r.logZGaussian(),
              r.essGaussian(),
              r.logZFlow(),
              r.essFlow(),
              r.logZGrid(),
              r.modelLogLikelihood(),
              r.modelLogLikelihoodGrid(),
              r.noiseLogLikelihood(),
              r.training().status() == TrainingResult.Status.COMPLETED
                  ? ""
                  : " (" + r.training().message() + ")"));
    }
    return b.toString();
  }
}
