package org.delvm.benchmark.models.objectives;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.ReferenceVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScoreMatchingTest {

  private static final JsonNode CASE = ReferenceVectors.testCase("mlp-1layer-relu");

  @ParameterizedTest
  @ValueSource(strings = {"sm", "sm-printed"})
  void lossAndEveryGradientMatchPyTorchReference(String objectiveName) {
    JsonNode params = CASE.get("params");
    Delvm model =
        Delvm.of(
            ReferenceVectors.array(params.get("W1")), ReferenceVectors.array(params.get("b1")));
    INDArray x = ReferenceVectors.array(CASE.get("x"));
    JsonNode expected = CASE.get(objectiveName);
    ScoreMatching objective = (ScoreMatching) Objectives.create(objectiveName);

    double loss = objective.lossAndGradients(model, x);

    assertEquals(expected.get("loss").asDouble(), loss, 1e-9);
    assertArrayEquals(
        ReferenceVectors.array(expected.get("per_sample")).toDoubleVector(),
        objective.perSample(model, x).toDoubleVector(),
        1e-9);
    assertArrayEquals(
        ReferenceVectors.array(expected.get("grad").get("W1")).data().asDouble(),
        model.weights().gradient().dup('c').data().asDouble(),
        1e-9);
    assertArrayEquals(
        ReferenceVectors.array(expected.get("grad").get("b1")).toDoubleVector(),
        model.bias().gradient().toDoubleVector(),
        1e-9);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sm", "sm-printed"})
  void gradientMatchesCentralFiniteDifferences(String objectiveName) {
    Delvm model = Delvm.initialise(5, 8, 21L, DataType.DOUBLE);
    Nd4j.getRandom().setSeed(5);
    model.bias().value().assign(Nd4j.rand(DataType.DOUBLE, 1, 8).subi(0.5));
    INDArray x = Nd4j.rand(DataType.DOUBLE, 6, 5);
    Objective objective = Objectives.create(objectiveName);
    objective.lossAndGradients(model, x);

    double h = 1e-6;
    for (Parameter p : model.parameters()) {
      INDArray value = p.value();
      INDArray analytic = p.gradient().dup();
      for (long i = 0; i < value.length(); i++) {
        double original = value.getDouble(i);
        value.putScalar(i, original + h);
        double plus = objective.lossAndGradients(model, x);
        value.putScalar(i, original - h);
        double minus = objective.lossAndGradients(model, x);
        value.putScalar(i, original);
        double numeric = (plus - minus) / (2 * h);
        double a = analytic.getDouble(i);
        double relative = Math.abs(a - numeric) / Math.max(1e-3, Math.abs(a) + Math.abs(numeric));
        assertTrue(
            relative < 1e-6, p.name() + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
      }
    }
  }

  @Test
  void trainingPathAgreesWithThePerSampleFormula() {
    Delvm model = Delvm.initialise(10, 16, 4L, DataType.DOUBLE);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 7, 10);
    ScoreMatching sm = new ScoreMatching(ScoreMatching.Sign.HYVARINEN);
    assertEquals(
        sm.perSample(model, x).meanNumber().doubleValue(), sm.lossAndGradients(model, x), 1e-10);
  }

  @Test
  void unknownObjectiveListsTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Objectives.create("sn"));
    assertTrue(
        e.getMessage().contains("'sn'") && e.getMessage().contains("sm, sm-printed"),
        e.getMessage());
  }
}
