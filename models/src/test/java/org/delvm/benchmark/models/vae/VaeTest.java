package org.delvm.benchmark.models.vae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
   * The graph's closed-form KL against a Monte Carlo estimate of E_q[log q(z|x) - log N(z; 0, I)]
   * with 200000 draws per point from the graph's own mu and log-variance. Tolerance: 5 standard
   * errors of the estimate (computed from the draws), a false alarm rate below 1e-6.
   */
  @Test
  void closedFormKlMatchesMonteCarlo() {
    Vae vae = perturbed(3);
    INDArray data = CosineData.generate(new CosineData.Spec(8, 1.5, 0.05), 4, DataType.DOUBLE);
    VaeStep step = new VaeStep(vae, VaeObjective.ELBO, 0.1, 8, 5);
    step.batch().assign(data);
    step.run();
    INDArray mu = step.terms.mean().value();
    INDArray logVar = step.terms.logVariance().value();
    Random random = new Random(17);
    int draws = 200_000;
    double sum = 0;
    double sumSquares = 0;
    for (int s = 0; s < 8; s++) {
      for (int k = 0; k < draws; k++) {
        double logRatio = 0;
        for (int j = 0; j < 2; j++) {
          double m = mu.getDouble(s, j);
          double sigma = Math.exp(0.5 * logVar.getDouble(s, j));
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

  /** Gradients of both objectives (alpha included) with the batch and noise held fixed. */
  @ParameterizedTest
  @EnumSource(VaeObjective.class)
  void gradientMatchesCentralDifferences(VaeObjective objective) {
    Vae vae = perturbed(7);
    VaeStep step = new VaeStep(vae, objective, 0.1, 6, 11);
    step.batch().assign(CosineData.generate(new CosineData.Spec(6, 1.5, 0.05), 2, DataType.DOUBLE));
    step.setAlpha(0.7);
    step.run();
    double h = 1e-6;
    List<INDArray> values = new java.util.ArrayList<>();
    List<INDArray> gradients = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>();
    for (Parameter p : vae.parameters()) {
      values.add(p.value());
      gradients.add(p.gradient().dup());
      names.add(p.name());
    }
    if (step.alpha != null) {
      values.add(step.alpha.value());
      gradients.add(step.alpha.grad().dup());
      names.add("alpha");
      // dL/dalpha = RE + KL - delta
      assertEquals(
          step.reconstructionError() + step.klDivergence() - 0.1, step.alphaGradient(), 1e-12);
    }
    for (int v = 0; v < values.size(); v++) {
      INDArray value = values.get(v);
      for (long i = 0; i < value.length(); i++) {
        double original = value.getDouble(i);
        value.putScalar(i, original + h);
        double plus = step.lossWithLastInputs();
        value.putScalar(i, original - h);
        double minus = step.lossWithLastInputs();
        value.putScalar(i, original);
        double numeric = (plus - minus) / (2 * h);
        double a = gradients.get(v).getDouble(i);
        double relative = Math.abs(a - numeric) / Math.max(1e-2, Math.abs(a) + Math.abs(numeric));
        assertTrue(
            relative < 1e-6,
            objective + " " + names.get(v) + "[" + i + "]: analytic " + a + " vs " + numeric);
      }
    }
  }

  @Test
  void lagrangianLossIsEquationSeven() {
    Vae vae = perturbed(2);
    VaeStep lagrangian = new VaeStep(vae, VaeObjective.LAGRANGIAN, 0.1, 5, 3);
    VaeStep elbo = new VaeStep(vae, VaeObjective.ELBO, 0.1, 5, 3);
    INDArray data = CosineData.generate(new CosineData.Spec(5, 1.5, 0.05), 1, DataType.DOUBLE);
    lagrangian.batch().assign(data);
    elbo.batch().assign(data);
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
}
