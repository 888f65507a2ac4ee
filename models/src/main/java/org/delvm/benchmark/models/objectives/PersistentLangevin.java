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
      if (bufferSize < 1 || sgldSteps < 0 || reuse < 0 || reuse > 1 || !(initHigh > initLow)) {
        throw new IllegalArgumentException("invalid pcd-langevin settings " + this);
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
