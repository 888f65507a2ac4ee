package org.delvm.benchmark.models.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.ReferenceVectors;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScoreMatchingTest {

  static Stream<Arguments> referenceCases() {
    return ReferenceVectors.allCases().stream()
        .flatMap(c -> Stream.of(Arguments.of(c, "sm"), Arguments.of(c, "sm-printed")));
  }

  @ParameterizedTest
  @MethodSource("referenceCases")
  void lossPerSampleValuesAndEveryGradientMatchPyTorch(String caseName, String objectiveName) {
    JsonNode c = ReferenceVectors.testCase(caseName);
    LayeredNetwork mlp = ReferenceVectors.network(c);
    Delvm model = new Delvm(mlp);
    INDArray x = ReferenceVectors.rows(c.get("x"));
    JsonNode expected = c.get(objectiveName);
    ScoreMatching objective = (ScoreMatching) Objectives.create(objectiveName);

    Objective.TrainingStep step =
        objective.prepare(new Objective.Context(model, (int) x.rows(), x, 1L));
    step.batch().assign(x);
    assertEquals(expected.get("loss").asDouble(), step.run(), 1e-9);
    for (Parameter p : mlp.parameters()) {
      assertArrayEquals(
          ReferenceVectors.array(expected.get("grad").get(p.name())).dup('c').data().asDouble(),
          p.gradient().dup('c').data().asDouble(),
          1e-9,
          p.name());
    }

    Graph g = new Graph(DataType.DOUBLE, false);
    Node input = g.input(x.shape());
    Node perSample = objective.perSample(g, model.build(g, input));
    input.value().assign(x);
    g.forward();
    assertArrayEquals(
        ReferenceVectors.array(expected.get("per_sample")).toDoubleVector(),
        perSample.value().toDoubleVector(),
        1e-9);
  }

  /** Samples of N(0, cov) for a 2 x 2 covariance, by its Cholesky factor. */
  static INDArray gaussian(double[][] cov, int n, long seed) {
    double l00 = Math.sqrt(cov[0][0]);
    double l10 = cov[1][0] / l00;
    double l11 = Math.sqrt(cov[1][1] - l10 * l10);
    Random random = new Random(seed);
    double[][] x = new double[n][2];
    for (double[] row : x) {
      double z0 = random.nextGaussian();
      double z1 = random.nextGaussian();
      row[0] = l00 * z0;
      row[1] = l10 * z0 + l11 * z1;
    }
    return Nd4j.createFromArray(x);
  }

  /** A DELVM with a linear f is Gaussian with precision I - W^T W; its covariance. */
  static INDArray modelCovariance(LayeredNetwork linear) {
    INDArray w = linear.weights(0).value();
    INDArray precision = Nd4j.eye(2).castTo(DataType.DOUBLE).subi(w.transpose().mmul(w));
    return org.nd4j.linalg.inverse.InvertMatrix.invert(precision, false);
  }

  private static LayeredNetwork fitLinearDelvm(String objective, INDArray data) {
    LayeredNetwork linear = Mlp.initialise(2, List.of(2), Activation.LINEAR, 4L, DataType.DOUBLE);
    new ModelTrainer(new TrainingSettings(60, 500, new double[] {0.05}, 8L), p -> {})
        .train(new Delvm(linear), Objectives.create(objective), data);
    return linear;
  }

  /** The evidence for the sign finding: keep this test. */
  @Test
  void smRecoversTheDataCovarianceAndThePrintedSignDoesNot() {
    double[][] cov = {{4, 1}, {1, 2}};
    INDArray data = gaussian(cov, 4000, 2L);
    INDArray empirical = data.transpose().mmul(data).divi(data.rows());

    INDArray sm = modelCovariance(fitLinearDelvm("sm", data));
    assertArrayEquals(
        empirical.dup('c').data().asDouble(), sm.dup('c').data().asDouble(), 0.05 * 4, "sm");

    INDArray printed = modelCovariance(fitLinearDelvm("sm-printed", data));
    double worst = maxAbsDifference(printed, empirical);
    assertTrue(worst > 1.0, "sm-printed should not recover the covariance, got " + printed);
  }

  private static double maxAbsDifference(INDArray a, INDArray b) {
    return a.sub(b).amaxNumber().doubleValue();
  }

  @Test
  void exactScoreMatchingRefusesADeepNetworkItCannotHold() {
    LayeredNetwork cnn =
        org.delvm.benchmark.models.Cnn.initialise(
            1, 28, 28, List.of(70, 70), List.of(5, 5), Activation.RELU, 1L, DataType.FLOAT);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Objectives.create("sm")
                    .prepare(
                        new Objective.Context(
                            new Delvm(cnn), 100, Nd4j.zeros(DataType.FLOAT, 100, 784), 1L)));
    assertTrue(e.getMessage().contains("use ssm"), e.getMessage());
  }

  @Test
  void unknownObjectivesAndOptionsListTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Objectives.create("sn"));
    assertTrue(
        e.getMessage().contains("'sn'") && e.getMessage().contains("sm, sm-printed"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Objectives.create("dsm", Map.of("sgima", 1)));
    assertTrue(
        e.getMessage().contains("[sgima]") && e.getMessage().contains("[sigma]"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> Objectives.create("cd", Map.of("k", 1.5)));
    assertTrue(e.getMessage().contains("'k' must be an integer"), e.getMessage());
    assertFalse(Objectives.defaults("pcd-langevin").isEmpty());
  }
}
