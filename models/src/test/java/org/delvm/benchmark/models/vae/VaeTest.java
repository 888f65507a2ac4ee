package org.delvm.benchmark.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class VaeTest {

  /** The paper's VAE with its weights moved so that mu and log-variance are far from 0. */
  private static Vae perturbed(long seed) {
    Vae vae = Vae.initialise(3, 6, 2, seed, DataType.DOUBLE);
    Nd4j.getRandom().setSeed(seed);
    for (Parameter p : vae.parameters()) {
      p.value().addi(Nd4j.rand(DataType.DOUBLE, p.value().shape()).subi(0.5).muli(0.8));
    }
    return vae;
  }

  /**
   * The closed-form KL of {@link VaeNetwork} against a Monte Carlo estimate of E_q[log q(z|x) - log
   * N(z; 0, I)] with 200000 draws per point from the network's own mu and log-variance. Tolerance:
   * 5 standard errors of the estimate (computed from the draws), a false alarm rate below 1e-6.
   */
  @Test
  void closedFormKlMatchesMonteCarlo() {
    Vae vae = perturbed(3);
    INDArray data = CosineData.generate(new CosineData.Spec(8, 1.5, 0.05), 4, DataType.DOUBLE);
    VaeStep step = step(vae, VaeObjective.ELBO, data, 5);
    step.run();
    Random random = new Random(17);
    int draws = 200_000;
    double sum = 0;
    double sumSquares = 0;
    for (int s = 0; s < 8; s++) {
      for (int k = 0; k < draws; k++) {
        double logRatio = 0;
        for (int j = 0; j < 2; j++) {
          double m = step.mean[s * 2 + j];
          double sigma = Math.exp(0.5 * step.logVariance[s * 2 + j]);
          double eps = random.nextGaussian();
          double z = m + sigma * eps;
          // log N(z; m, sigma^2) - log N(z; 0, 1)
          logRatio += -Math.log(sigma) - 0.5 * eps * eps + 0.5 * z * z;
        }
        sum += logRatio;
        sumSquares += logRatio * logRatio;
      }
    }
    long total = 8L * draws;
    double mean = sum / total;
    double standardError = Math.sqrt((sumSquares / total - mean * mean) / total);
    double closedForm = step.klDivergence();
    assertTrue(closedForm > 0.1, "KL should be clearly positive here, got " + closedForm);
    assertEquals(
        mean, closedForm, 5 * standardError, "Monte Carlo " + mean + " +- " + standardError);
  }

  /** A step of the plain-Java network over data (n x 3) with noise from the seed. */
  private static VaeStep step(Vae vae, VaeObjective objective, INDArray data, long seed) {
    VaeStep step = new VaeStep(new VaeNetwork(vae), vae, objective, 0.1, (int) data.rows(), seed);
    System.arraycopy(VaeTrainer.rowMajor(data), 0, step.batch, 0, step.batch.length);
    return step;
  }

  /**
   * Gradients of both objectives (alpha included) of the plain-Java pass, with the batch and noise
   * held fixed, against central differences of its own loss.
   */
  @ParameterizedTest
  @EnumSource(VaeObjective.class)
  void gradientMatchesCentralDifferences(VaeObjective objective) {
    Vae vae = perturbed(7);
    VaeStep step =
        step(
            vae,
            objective,
            CosineData.generate(new CosineData.Spec(6, 1.5, 0.05), 2, DataType.DOUBLE),
            11);
    step.setAlpha(0.7);
    step.run();
    VaeNetwork network = step.network;
    double[] gradient = network.gradient.clone();
    double h = 1e-6;
    for (int i = 0; i < network.theta.length; i++) {
      double original = network.theta[i];
      network.theta[i] = original + h;
      double plus = step.lossWithLastInputs();
      network.theta[i] = original - h;
      double minus = step.lossWithLastInputs();
      network.theta[i] = original;
      assertClose(gradient[i], (plus - minus) / (2 * h), objective + " " + network.describe(i));
    }
    if (objective == VaeObjective.LAGRANGIAN) {
      double re = step.reconstructionError();
      double kl = step.klDivergence();
      double analytic = step.alphaGradient();
      // dL/dalpha = RE + KL - delta
      assertEquals(re + kl - 0.1, analytic, 1e-12);
      step.setAlpha(0.7 + h);
      double plus = step.lossWithLastInputs();
      step.setAlpha(0.7 - h);
      double minus = step.lossWithLastInputs();
      assertClose(analytic, (plus - minus) / (2 * h), "alpha");
    }
  }

  private static void assertClose(double analytic, double numeric, String what) {
    double relative =
        Math.abs(analytic - numeric) / Math.max(1e-2, Math.abs(analytic) + Math.abs(numeric));
    assertTrue(relative < 1e-6, what + ": analytic " + analytic + " vs " + numeric);
  }

  /**
   * The plain-Java pass against the graph of ND4J ops it replaced ({@link GraphVaeStep}, {@link
   * Vae#build}): same batch, same noise (same ND4J seed), so terms, loss and every gradient agree
   * up to rounding.
   */
  @ParameterizedTest
  @EnumSource(VaeObjective.class)
  void passMatchesTheGraphImplementation(VaeObjective objective) {
    Vae vae = perturbed(5);
    INDArray data = CosineData.generate(new CosineData.Spec(40, 1.5, 0.05), 6, DataType.DOUBLE);
    GraphVaeStep graph = new GraphVaeStep(vae, objective, 0.1, 40, 9);
    graph.batch().assign(data);
    graph.setAlpha(0.4);
    double graphLoss = graph.run();
    VaeStep step = step(vae, objective, data, 9);
    step.setAlpha(0.4);
    double loss = step.run();
    assertArrayEquals(graph.noise.value().data().asDouble(), step.noise, 0.0);
    assertRelative(graphLoss, loss, 1e-13, "loss");
    assertRelative(graph.reconstructionError(), step.reconstructionError(), 1e-13, "RE");
    assertRelative(graph.klDivergence(), step.klDivergence(), 1e-13, "KL");
    assertRelative(graph.alphaGradient(), step.alphaGradient(), 1e-13, "dL/dalpha");
    double[] mean = graph.terms.mean().value().data().asDouble();
    double[] logVariance = graph.terms.logVariance().value().data().asDouble();
    for (int i = 0; i < mean.length; i++) {
      assertRelative(mean[i], step.mean[i], 1e-13, "mu");
      assertRelative(logVariance[i], step.logVariance[i], 1e-13, "log sigma^2");
    }
    int at = 0;
    for (Parameter p : vae.parameters()) {
      double[] g = p.gradient().data().asDouble();
      for (double v : g) {
        assertRelative(
            v, step.network.gradient[at], 1e-11, objective + " " + step.network.describe(at));
        at++;
      }
    }
    assertEquals(step.network.gradient.length, at);
    // The decoder: Vae.decode against the graph's decoder.
    INDArray z = Nd4j.rand(DataType.DOUBLE, 7, 2).subi(0.5).muli(6);
    Graph g = new Graph(DataType.DOUBLE, false);
    Node input = g.input(7, 2);
    Node out = vae.decoder(g, input);
    input.value().assign(z);
    g.forward();
    double[] expected = out.value().data().asDouble();
    double[] actual = vae.decode(z).data().asDouble();
    for (int i = 0; i < expected.length; i++) {
      assertRelative(expected[i], actual[i], 1e-13, "decoded");
    }
  }

  /** |a - b| <= tolerance max(|a|, |b|, 1e-12). */
  private static void assertRelative(
      double expected, double actual, double tolerance, String what) {
    double scale = Math.max(Math.abs(expected), Math.abs(actual));
    assertTrue(
        Math.abs(expected - actual) <= tolerance * Math.max(scale, 1e-12),
        what + ": expected " + expected + ", got " + actual);
  }

  /**
   * Training with {@link VaeTrainer} against the training loop it replaced (the graph, ND4J's Adam
   * through {@link ModelTrainer}'s optimiser, the same shuffling and noise streams): after two
   * epochs (6 steps of 300 points at batch 100, or 8 steps of 340 points, the last batch of 40) the
   * weights, epoch losses and alpha agree to 1e-9 relative (in practice ~1e-15).
   */
  @ParameterizedTest
  @CsvSource({
    "ELBO, ASCENT_PROJECTED, 300",
    "LAGRANGIAN, ASCENT_PROJECTED, 300",
    "LAGRANGIAN, DESCENT_REFLECTED, 340"
  })
  void trainingMatchesTheGraphImplementation(
      VaeObjective objective, AlphaUpdate.Rule rule, int points) {
    INDArray data =
        CosineData.generate(new CosineData.Spec(points, Math.PI / 2, 0.05), 0, DataType.DOUBLE);
    VaeTrainer.Settings settings = VaeTrainer.Settings.paper(objective, 2, 3).withAlphaRule(rule);
    Vae reference = Vae.paper(3, DataType.DOUBLE);
    GraphTraining old = graphTrain(settings, reference, data);
    Vae vae = Vae.paper(3, DataType.DOUBLE);
    VaeTrainer.Result result = new VaeTrainer(settings).train(vae, data);
    assertEquals(old.losses.size(), result.epochLosses().size());
    for (int e = 0; e < old.losses.size(); e++) {
      assertRelative(old.losses.get(e), result.epochLosses().get(e), 1e-9, "epoch loss " + e);
    }
    if (objective == VaeObjective.LAGRANGIAN) {
      assertRelative(old.alpha, result.alpha(), 1e-9, "alpha");
    }
    for (int p = 0; p < vae.parameters().size(); p++) {
      double[] expected = reference.parameters().get(p).value().data().asDouble();
      double[] actual = vae.parameters().get(p).value().data().asDouble();
      for (int i = 0; i < expected.length; i++) {
        assertRelative(
            expected[i], actual[i], 1e-9, vae.parameters().get(p).name() + "[" + i + "]");
      }
    }
  }

  private record GraphTraining(List<Double> losses, double alpha) {}

  /** The training loop of VaeTrainer before VaeNetwork, on the graph. */
  private static GraphTraining graphTrain(VaeTrainer.Settings settings, Vae vae, INDArray data) {
    int n = (int) data.rows();
    int batchSize = Math.min(settings.batchSize(), n);
    VaeObjective objective = settings.objective();
    GraphVaeStep full =
        new GraphVaeStep(vae, objective, settings.delta(), batchSize, settings.seed());
    GraphVaeStep last =
        n % batchSize == 0
            ? null
            : new GraphVaeStep(
                vae, objective, settings.delta(), n % batchSize, settings.seed() + 1);
    ModelTrainer.Optimiser adam =
        new ModelTrainer(
                new TrainingSettings(
                    settings.epochs(),
                    batchSize,
                    new double[] {settings.learningRate()},
                    settings.seed()),
                p -> {})
            .optimiser(vae.parameters());
    AlphaUpdate alpha =
        objective == VaeObjective.LAGRANGIAN
            ? new AlphaUpdate(
                settings.alphaRule(), settings.alphaLearningRate(), settings.alphaInitial())
            : null;
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random random = new Random(settings.seed());
    List<Double> losses = new ArrayList<>();
    int iteration = 0;
    for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
      for (int i = n - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
      double sum = 0;
      for (int from = 0; from < n; from += batchSize) {
        int rows = Math.min(batchSize, n - from);
        GraphVaeStep step = rows == batchSize ? full : last;
        Nd4j.pullRows(data, step.batch(), 1, Arrays.copyOfRange(order, from, from + rows));
        if (alpha != null) {
          step.setAlpha(alpha.alpha());
        }
        sum += step.run() * rows;
        double alphaGradient = step.alphaGradient();
        adam.update(iteration++, epoch - 1);
        if (alpha != null) {
          alpha.update(alphaGradient);
        }
      }
      losses.add(sum / n);
    }
    return new GraphTraining(losses, alpha == null ? Double.NaN : alpha.alpha());
  }

  /** The network's tanh against {@link Math#tanh}: within a few units in the last place. */
  @Test
  void tanhMatchesMathTanh() {
    Random random = new Random(8);
    for (int i = 0; i < 200_000; i++) {
      double scale = i % 4 == 0 ? 1e-3 : i % 4 == 1 ? 0.7 : 5;
      double x = random.nextGaussian() * scale;
      assertRelative(Math.tanh(x), VaeNetwork.tanh(x), 1e-15, "tanh(" + x + ")");
    }
    for (double x : new double[] {0.0, 0.625, -0.625, Math.nextUp(0.625), 20, -40, 400, -1e300}) {
      assertRelative(Math.tanh(x), VaeNetwork.tanh(x), 1e-15, "tanh(" + x + ")");
    }
    assertTrue(Double.isNaN(VaeNetwork.tanh(Double.NaN)));
  }

  @Test
  void lagrangianLossIsEquationSeven() {
    Vae vae = perturbed(2);
    INDArray data = CosineData.generate(new CosineData.Spec(5, 1.5, 0.05), 1, DataType.DOUBLE);
    VaeStep lagrangian = step(vae, VaeObjective.LAGRANGIAN, data, 3);
    VaeStep elbo = step(vae, VaeObjective.ELBO, data, 3);
    lagrangian.setAlpha(0.3);
    double l = lagrangian.run();
    double e = elbo.run(); // same seed: same noise
    double re = lagrangian.reconstructionError();
    double kl = lagrangian.klDivergence();
    assertEquals(re + kl, e, 1e-12);
    assertEquals(1.3 * re + 0.3 * (kl - 0.1), l, 1e-12);
  }

  @Test
  void alphaRisesWhileTheGradientIsPositiveAndNeverGoesNegative() {
    AlphaUpdate ascent = new AlphaUpdate(AlphaUpdate.Rule.ASCENT_PROJECTED, 1e-2, 1.0);
    double previous = ascent.alpha();
    for (int i = 0; i < 50; i++) {
      // RE + KL - delta > 0: KL above delta.
      ascent.update(0.05 + 0.3 - 0.1);
      assertTrue(ascent.alpha() > previous);
      previous = ascent.alpha();
    }
    for (int i = 0; i < 2000; i++) {
      ascent.update(-1.0);
      assertTrue(ascent.alpha() >= 0);
    }
    assertEquals(0.0, ascent.alpha(), 0.0);
    AlphaUpdate paper = new AlphaUpdate(AlphaUpdate.Rule.DESCENT_REFLECTED, 1e-2, 0.05);
    for (int i = 0; i < 2000; i++) {
      paper.update(5.0);
      assertTrue(paper.alpha() >= 0);
    }
    assertTrue(paper.alpha() < 0.05, "the paper's rule drives alpha towards 0: " + paper.alpha());
  }

  @ParameterizedTest
  @EnumSource(VaeObjective.class)
  void shortTrainingLowersTheLossAndIsDeterministic(VaeObjective objective) {
    INDArray data =
        CosineData.generate(new CosineData.Spec(1000, Math.PI / 2, 0.05), 0, DataType.DOUBLE);
    VaeTrainer.Settings settings = VaeTrainer.Settings.paper(objective, 8, 4);
    Vae first = Vae.paper(4, DataType.DOUBLE);
    VaeTrainer.Result a = new VaeTrainer(settings).train(first, data);
    Vae second = Vae.paper(4, DataType.DOUBLE);
    VaeTrainer.Result b = new VaeTrainer(settings).train(second, data);
    assertFalse(a.diverged());
    List<Double> losses = a.epochLosses();
    assertTrue(losses.get(losses.size() - 1) < 0.8 * losses.get(0), "epoch losses " + losses);
    assertEquals(a.epochLosses(), b.epochLosses());
    for (int p = 0; p < first.parameters().size(); p++) {
      assertArrayEquals(
          first.parameters().get(p).value().data().asDouble(),
          second.parameters().get(p).value().data().asDouble(),
          0.0);
    }
    if (objective == VaeObjective.LAGRANGIAN) {
      assertEquals(a.alpha(), b.alpha(), 0.0);
      assertTrue(a.alpha() >= 0);
    }
    VaeTrainer.Evaluation e = VaeTrainer.evaluate(first, data, a.alpha(), 1);
    assertTrue(Double.isFinite(e.reconstructionError()) && e.klDivergence() >= 0);
    INDArray samples = first.sample(50, 3);
    assertArrayEquals(new long[] {50, 3}, samples.shape());
  }

  /** Runs are independent: training them on several threads gives the same table, bit for bit. */
  @Test
  void parallelRunsGiveTheSameTableAsSequentialRuns() {
    INDArray data =
        CosineData.generate(new CosineData.Spec(300, Math.PI / 2, 0.05), 0, DataType.DOUBLE);
    VaeReproduction.Plan plan =
        new VaeReproduction.Plan(3, 2, 100, AlphaUpdate.Rule.DESCENT_REFLECTED, 20);
    List<String> sequentialLog = new ArrayList<>();
    List<String> parallelLog = new ArrayList<>();
    VaeReproduction.Row sequential =
        VaeReproduction.run(plan, VaeObjective.LAGRANGIAN, data, sequentialLog::add, 1);
    VaeReproduction.Row parallel =
        VaeReproduction.run(plan, VaeObjective.LAGRANGIAN, data, parallelLog::add, 3);
    assertEquals(sequential.evaluations(), parallel.evaluations());
    assertEquals(sequential.alpha(), parallel.alpha());
    assertEquals(3, parallelLog.size());
    for (int i = 0; i < 3; i++) {
      assertTrue(
          parallelLog.get(i).startsWith("lagrangian seed " + (i + 1) + ":"), parallelLog.get(i));
    }
    assertEquals(20, parallel.samples().length);
    for (int i = 0; i < 20; i++) {
      assertArrayEquals(sequential.samples()[i], parallel.samples()[i], 0.0);
    }
  }
}
