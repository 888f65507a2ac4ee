package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingResult;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CebmTest {

  /** A small CEBM with weights moved away from Glorot so that t(x) is far from zero. */
  private static Cebm tiny(int inputSize, int latent, long seed) {
    Cebm cebm =
        Cebm.initialise(inputSize, List.of(5, 4), latent, Activation.SILU, seed, DataType.DOUBLE);
    Nd4j.getRandom().setSeed(seed);
    for (Parameter p : cebm.parameters()) {
      p.value().addi(Nd4j.rand(DataType.DOUBLE, p.value().shape()).subi(0.5));
    }
    return cebm;
  }

  private static INDArray energies(Cebm cebm, INDArray x) {
    Graph g = new Graph(DataType.DOUBLE, false);
    Node input = g.input(x.shape());
    Node energy = cebm.build(g, input).energy();
    input.value().assign(x);
    g.forward();
    return energy.value().dup();
  }

  /**
   * K = 1, x in R^2: exp(-E(x)) = integral of p(z) exp(t1 z + t2 z^2) dz, p = N(0, 1), i.e. E(x) =
   * -log integral exp(-E(x, z)) dz with E(x, z) = -t(x) . (z, z^2) - log N(z; 0, 1). The integral
   * is Simpson's rule on [-40, 40] with step 1e-3 (the integrand is a Gaussian of variance <= 1
   * with mean |t1| / p < 10 here, so truncation and discretisation errors are far below 1e-9).
   */
  @Test
  void marginalEnergyMatchesNumericalIntegrationOverTheLatent() {
    Cebm cebm = tiny(2, 1, 3);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 2).subi(0.5).muli(4);
    INDArray e = energies(cebm, x);
    Graph g = new Graph(DataType.DOUBLE, false);
    Node input = g.input(x.shape());
    Node u = cebm.network().build(g, input).output();
    input.value().assign(x);
    g.forward();
    for (int s = 0; s < x.rows(); s++) {
      double t1 = u.value().getDouble(s, 0);
      double t2 = -Math.log1p(Math.exp(u.value().getDouble(s, 1))) - Cebm.PRECISION_EPSILON;
      int steps = 80_000;
      double h = 80.0 / steps;
      double integral = 0;
      for (int i = 0; i <= steps; i++) {
        double z = -40 + i * h;
        double weight = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2);
        double logIntegrand = t1 * z + t2 * z * z - 0.5 * z * z - 0.5 * Math.log(2 * Math.PI);
        integral += weight * Math.exp(logIntegrand);
      }
      integral *= h / 3;
      assertTrue(Math.abs(t1) > 0.05, "t1 should be away from 0 for a meaningful test, " + t1);
      assertEquals(-Math.log(integral), e.getDouble(s), 1e-9, "sample " + s);
    }
  }

  @Test
  void energyGradientMatchesFiniteDifferences() {
    EnergyFiniteDifferences.assertEnergyGradientMatches(
        tiny(3, 2, 5), Nd4j.rand(DataType.DOUBLE, 5, 3).subi(0.5).muli(3));
  }

  /**
   * Parameter gradients of sum E + sum ||grad_x E||^2 (the second term goes through the explicit
   * dB/dt and the transposed pass) against central differences.
   */
  @Test
  void parameterGradientsMatchFiniteDifferences() {
    Cebm cebm = tiny(3, 2, 7);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3).subi(0.5).muli(3);
    Graph g = new Graph(DataType.DOUBLE);
    Node input = g.input(x.shape());
    EnergyModel.EnergyGraph built = cebm.build(g, input);
    Node loss = g.add(g.sum(built.energy()), g.sum(g.square(built.energyGradient())));
    input.value().assign(x);
    g.forward();
    g.backward(loss);
    double h = 1e-6;
    for (Parameter p : cebm.parameters()) {
      INDArray analytic = p.gradient().dup();
      for (long i = 0; i < p.value().length(); i++) {
        double original = p.value().getDouble(i);
        p.value().putScalar(i, original + h);
        g.forward();
        double plus = loss.value().getDouble(0);
        p.value().putScalar(i, original - h);
        g.forward();
        double minus = loss.value().getDouble(0);
        p.value().putScalar(i, original);
        double numeric = (plus - minus) / (2 * h);
        double a = analytic.getDouble(i);
        double relative = Math.abs(a - numeric) / Math.max(1e-2, Math.abs(a) + Math.abs(numeric));
        assertTrue(relative < 1e-6, p.name() + "[" + i + "] analytic " + a + " vs " + numeric);
      }
    }
  }

  /**
   * Regression: in float32 ND4J's softplus, log(1 + exp(u)), is +Inf for u > 88.7, which made the
   * posterior precision infinite and E(x) = +Inf (and the x-gradient 0) where the energy is finite
   * and very negative: at x far from the data, where diverging SGLD chains go. Here u = (x, x) from
   * one linear layer, so E(x) = 1/2 log p - x^2 / (2 p) with p = 1 + 2 softplus(x) + 2 eps.
   */
  @Test
  void energyStaysFiniteInFloatWhereSoftplusOverflows() {
    Cebm cebm = Cebm.initialise(1, List.of(), 1, Activation.SILU, 1, DataType.FLOAT);
    cebm.parameters().get(0).value().assign(1);
    cebm.parameters().get(1).value().assign(0);
    double[] xs = {-200, -30, 0, 30, 88, 89, 200, 1e4};
    Graph g = new Graph(DataType.FLOAT, false);
    Node input = g.input(xs.length, 1);
    EnergyModel.EnergyGraph built = cebm.build(g, input);
    Node energy = built.energy();
    Node gradient = built.energyGradient();
    input.value().assign(Nd4j.createFromArray(xs).castTo(DataType.FLOAT).reshape(xs.length, 1));
    g.forward();
    for (int s = 0; s < xs.length; s++) {
      double x = xs[s];
      double softplus = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
      double p = 1 + 2 * softplus + 2 * Cebm.PRECISION_EPSILON;
      double expected = 0.5 * Math.log(p) - x * x / (2 * p);
      double sigmoid = 1 / (1 + Math.exp(-x));
      double expectedGradient = -x / p + (1 / p + (x / p) * (x / p)) * sigmoid;
      double e = energy.value().getDouble(s);
      double d = gradient.value().getDouble(s, 0);
      assertEquals(expected, e, 1e-5 * Math.max(1, Math.abs(expected)), "E at x = " + x);
      assertEquals(
          expectedGradient, d, 1e-5 * Math.max(1, Math.abs(expectedGradient)), "dE/dx at " + x);
    }
  }

  /**
   * The reference code's SGLD step 1.0 on the CEBM network used for ECG5000 beats (140-256-2x128,
   * SiLU, Glorot, float, data in [0, 1]): at initialisation the energy falls fastest along
   * directions where its curvature is about -1, so each step of 1.0 doubles the chains' distance
   * from the data; they pass 1e19 and overflow float within the 60 steps of the first batch, whose
   * loss is NaN. With stepSize 0.01 (the setting that trains on the ECG5000 split, with Adam 1e-3)
   * the first batch's chains stay near [0, 1]^140 (largest coordinate 1.31 after 60 steps, from
   * U(0, 1)) and the loss is finite. The chains start from noise whatever the data, so beat-like
   * rows stand in for ECG5000, which this module does not hold.
   */
  @Test
  void referenceSgldStepRunsAwayOnTheEcgNetworkAndASmallerStepDoesNot() {
    int length = 140;
    java.util.Random random = new java.util.Random(4);
    INDArray beats = Nd4j.create(DataType.FLOAT, 100, length);
    for (int r = 0; r < beats.rows(); r++) {
      double phase = random.nextDouble() * 2 * Math.PI;
      for (int t = 0; t < length; t++) {
        double v = 0.5 + 0.15 * Math.sin(2 * Math.PI * t / length + phase);
        beats.putScalar(r, t, v + 0.02 * random.nextGaussian());
      }
    }
    ModelTrainer oneStep =
        new ModelTrainer(new TrainingSettings(1, 100, new double[] {1e-3}, 1), p -> {});

    TrainingResult reference =
        oneStep.train(ecgNetwork(), Objectives.create("pcd-langevin"), beats);
    assertEquals(TrainingResult.Status.DIVERGED, reference.status());
    assertTrue(reference.message().contains("loss NaN at epoch 1"), reference.message());

    TrainingResult small =
        oneStep.train(
            ecgNetwork(), Objectives.create("pcd-langevin", Map.of("stepSize", 0.01)), beats);
    assertEquals(TrainingResult.Status.COMPLETED, small.status(), small.message());
    assertTrue(Double.isFinite(small.finalLoss()), small.toString());
  }

  private static Cebm ecgNetwork() {
    return Cebm.initialise(140, List.of(256), 128, Activation.SILU, 1, DataType.FLOAT);
  }

  @Test
  void reconstructionIsOneUnitGradientStepSoItsErrorIsTheSquaredScore() {
    Cebm cebm = tiny(3, 2, 4L);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 3).subi(0.5);
    Graph g = new Graph(DataType.DOUBLE, false);
    Node input = g.input(5, 3);
    EnergyModel.EnergyGraph built = cebm.build(g, input);
    Node gradient = built.energyGradient();
    Node reconstruction = built.reconstruction();
    input.value().assign(x);
    g.forward();
    assertEquals(x.sub(gradient.value()), reconstruction.value());
    INDArray squaredScore = gradient.value().mul(gradient.value()).sum(1);
    INDArray errors = new Inference(cebm).run(x, Inference.Quantity.RECONSTRUCTION_ERROR);
    for (int i = 0; i < 5; i++) {
      assertEquals(squaredScore.getDouble(i), errors.getDouble(i), 1e-12);
    }
  }

  @Test
  void secondOrderTermsAreUnsupportedWithAClearMessage() {
    Cebm cebm = tiny(2, 1, 1);
    Graph g = new Graph(DataType.DOUBLE, false);
    EnergyModel.EnergyGraph built = cebm.build(g, g.input(3, 2));
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, built::energyLaplacian);
    assertTrue(e.getMessage().contains("pcd-langevin"));
  }

  @Test
  void shortPcdLangevinTrainingCompletes() {
    Cebm cebm = Cebm.initialise(4, List.of(16), 3, Activation.SILU, 9, DataType.DOUBLE);
    INDArray data = Nd4j.rand(DataType.DOUBLE, 200, 4);
    TrainingResult result =
        new ModelTrainer(new TrainingSettings(3, 50, new double[] {1e-3}, 9), p -> {})
            .train(
                cebm,
                Objectives.create(
                    "pcd-langevin", Map.of("bufferSize", 100, "sgldSteps", 5, "stepSize", 0.1)),
                data);
    assertEquals(TrainingResult.Status.COMPLETED, result.status(), result.message());
    assertEquals(3, result.epochLosses().size());
    assertTrue(result.epochLosses().stream().allMatch(Double::isFinite));
    assertTrue(Double.isFinite(energies(cebm, data).sumNumber().doubleValue()));
  }
}
