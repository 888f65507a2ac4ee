package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Persistent contrastive divergence with SGLD, as the CEBM reference code trains: model samples
 * come from a replay buffer (a fraction {@code reuse} of each batch, the rest fresh uniform noise),
 * are moved by {@code sgldSteps} steps x <- x - stepSize grad E(x) + noise N(0, I) (step size and
 * noise set separately, not tied as in exact Langevin dynamics) and written back. Loss: E(data) -
 * E(samples) + alpha (E(data)^2 + E(samples)^2), batch means, samples held fixed.
 *
 * <p>Step size against energy scale: the defaults ({@link Settings#cebm()}) are the reference
 * code's, tuned for its image networks, and diverge on the MLP CEBM over ECG5000 beats (140-256-2 x
 * 128, SiLU, Glorot, data in [0, 1]). A CEBM's energy sum_k 1/2 log p_k - t1_k^2 / (2 p_k) is not
 * bounded below (it falls as the network's t1 grows), and at initialisation its curvature along the
 * direction of steepest fall is about -1, so each SGLD step of 1.0 doubles a chain's distance from
 * the data: x passes 1e19 and the energy overflows float within the 60 steps of the first batch
 * (loss NaN). On that network and split (seeds 1-3), stepSize 0.01 with the other defaults and Adam
 * 1e-3 trains for 10 epochs (seed 1 also for 20); with Adam 1e-4 the persistent chains still drift
 * away (the loss grows 18-fold in 3 epochs), as training is too slow to raise the energy where they
 * go.
 */
public final class PersistentLangevin implements Objective {

  /** Hyper-parameters; {@link #cebm()} gives the CEBM reference code's values. */
  public record Settings(
      int bufferSize,
      double reuse,
      int sgldSteps,
      double stepSize,
      double noise,
      double alpha,
      double initLow,
      double initHigh) {

    public Settings {
      if (bufferSize < 1
          || sgldSteps < 0
          || !(reuse >= 0 && reuse <= 1)
          || !(stepSize >= 0 && Double.isFinite(stepSize))
          || !(noise >= 0 && Double.isFinite(noise))
          || !(alpha >= 0 && Double.isFinite(alpha))
          || !(initHigh > initLow && Double.isFinite(initHigh - initLow))) {
        throw new IllegalArgumentException(
            String.format(
                "invalid pcd-langevin settings: bufferSize %d (>= 1), reuse %s (in [0, 1]),"
                    + " sgldSteps %d (>= 0), stepSize %s, noise %s, alpha %s (finite, >= 0),"
                    + " initLow %s < initHigh %s",
                bufferSize, reuse, sgldSteps, stepSize, noise, alpha, initLow, initHigh));
      }
    }

    /** Buffer 5000, reuse 0.95, 60 SGLD steps of size 1.0, noise 7.5e-3, alpha 0.1, init U(0,1). */
    public static Settings cebm() {
      return new Settings(5000, 0.95, 60, 1.0, 7.5e-3, 0.1, 0.0, 1.0);
    }
  }

  private final Settings settings;

  public PersistentLangevin(Settings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "pcd-langevin";
  }

  @Override
  public TrainingStep prepare(Context context) {
    EnergyModel model = context.model();
    int n = context.batchRows();
    int d = model.inputSize();
    Random random = Nd4j.getRandomFactory().getNewRandomInstance(context.seed());
    java.util.Random choices = new java.util.Random(context.seed());
    INDArray buffer = Nd4j.create(model.dataType(), settings.bufferSize(), d);
    Nd4j.getExecutioner()
        .exec(new UniformDistribution(buffer, settings.initLow(), settings.initHigh()), random);

    Graph sampler = new Graph(model.dataType(), false);
    Node current = sampler.input(n, d);
    Node gradient = model.build(sampler, current).energyGradient();
    INDArray fresh = Nd4j.create(model.dataType(), 1, d);
    INDArray noise = Nd4j.create(model.dataType(), n, d);
    int[] slots = new int[n];

    GraphStep step = new GraphStep(context);
    Graph g = step.graph;
    Node samples = g.input(n, d);
    step.beforeEachStep(
        () -> {
          for (int i = 0; i < n; i++) {
            slots[i] = choices.nextInt(settings.bufferSize());
            if (choices.nextDouble() >= settings.reuse()) {
              Nd4j.getExecutioner()
                  .exec(
                      new UniformDistribution(fresh, settings.initLow(), settings.initHigh()),
                      random);
              buffer.putRow(slots[i], fresh);
            }
          }
          Nd4j.pullRows(buffer, current.value(), 1, slots);
          for (int t = 0; t < settings.sgldSteps(); t++) {
            sampler.forward();
            Nd4j.getExecutioner()
                .exec(new GaussianDistribution(noise, 0, settings.noise()), random);
            current.value().subi(gradient.value().muli(settings.stepSize())).addi(noise);
          }
          for (int i = 0; i < n; i++) {
            buffer.putRow(slots[i], current.value().getRow(i));
          }
          samples.value().assign(current.value());
        });
    Node dataEnergy = model.build(g, step.batch).energy();
    Node sampleEnergy = model.build(g, samples).energy();
    Node difference = g.sub(step.meanOf(dataEnergy), step.meanOf(sampleEnergy));
    Node regulariser =
        g.add(
            step.meanOf(g.mul(dataEnergy, dataEnergy)),
            step.meanOf(g.mul(sampleEnergy, sampleEnergy)));
    step.setLoss(g.add(difference, g.scale(regulariser, settings.alpha())));
    return step;
  }
}
