package org.delvm.benchmark.models.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sliced and denoising score matching estimate exact score matching: statistical checks. Each
 * estimate is the mean over {@link #RUNS} independent runs, and must lie within 4 standard errors
 * (estimated from the runs) of the exact value. The seeds are fixed, so the test is repeatable.
 */
class AgreementWithScoreMatchingTest {

  private static final int RUNS = 8;

  private static Delvm model(Activation activation) {
    LayeredNetwork mlp = Mlp.initialise(5, List.of(6, 4), activation, 3L, DataType.DOUBLE);
    Nd4j.getRandom().setSeed(9);
    for (Parameter p : mlp.parameters()) {
      p.value().addi(Nd4j.rand(DataType.DOUBLE, p.value().shape()).subi(0.5).muli(0.4));
    }
    return new Delvm(mlp);
  }

  private static double loss(Objective objective, Delvm model, INDArray x, long seed) {
    Objective.TrainingStep step =
        objective.prepare(new Objective.Context(model, (int) x.rows(), x, seed));
    step.batch().assign(x);
    return step.run();
  }

  private static void assertAgrees(double exact, double[] estimates, String what) {
    double mean = 0;
    for (double e : estimates) {
      mean += e / estimates.length;
    }
    double variance = 0;
    for (double e : estimates) {
      variance += (e - mean) * (e - mean) / (estimates.length - 1);
    }
    double standardError = Math.sqrt(variance / estimates.length);
    assertEquals(exact, mean, 4 * standardError + 1e-9, what + ": SE " + standardError);
  }

  @ParameterizedTest
  @CsvSource({
    "SOFTPLUS, rademacher, true",
    "SOFTPLUS, gaussian, false",
    "TANH, gaussian, true",
    "RELU, rademacher, false"
  })
  void slicedScoreMatchingIsUnbiased(Activation activation, String directions, boolean reduced) {
    Delvm model = model(activation);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 5);
    double exact = loss(Objectives.create("sm"), model, x, 1L);
    Objective ssm =
        Objectives.create(
            "ssm",
            Map.of("projections", 500, "directions", directions, "varianceReduced", reduced));
    double[] estimates = new double[RUNS];
    for (int r = 0; r < RUNS; r++) {
      estimates[r] = loss(ssm, model, x, 100 + r);
    }
    assertAgrees(exact, estimates, "ssm " + directions + (reduced ? " variance-reduced" : ""));
  }

  /**
   * For a quadratic energy (linear f), grad E(x + sigma eps) = grad E(x) + sigma P eps with P the
   * Hessian, so E_eps[dsm] = sm + sigma^2/2 tr(P^2) + d/(2 sigma^2) exactly.
   */
  @ParameterizedTest
  @CsvSource({"0.5", "1.0"})
  void denoisingScoreMatchingMatchesItsExpectationForAQuadraticEnergy(double sigma) {
    LayeredNetwork linear = Mlp.initialise(5, List.of(3), Activation.LINEAR, 6L, DataType.DOUBLE);
    linear.bias(0).value().assign(Nd4j.createFromArray(0.3, -0.2, 0.1).reshape(1, 3));
    Delvm model = new Delvm(linear);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 8, 5);
    INDArray w = linear.weights(0).value();
    INDArray hessian = Nd4j.eye(5).castTo(DataType.DOUBLE).subi(w.transpose().mmul(w));
    // P is symmetric, so tr(P^2) is the sum of its squared entries.
    double traceOfSquare = hessian.mul(hessian).sumNumber().doubleValue();
    double exact =
        loss(Objectives.create("sm"), model, x, 1L)
            + sigma * sigma / 2 * traceOfSquare
            + 5 / (2 * sigma * sigma);
    INDArray replicated = Nd4j.tile(x, 500, 1);
    Objective dsm = Objectives.create("dsm", Map.of("sigma", sigma));
    double[] estimates = new double[RUNS];
    for (int r = 0; r < RUNS; r++) {
      estimates[r] = loss(dsm, model, replicated, 200 + r);
    }
    assertAgrees(exact, estimates, "dsm sigma " + sigma);
  }
}
