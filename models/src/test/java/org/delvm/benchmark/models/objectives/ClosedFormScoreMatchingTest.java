package org.delvm.benchmark.models.objectives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.delvm.benchmark.models.Cnn;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The hand-written closed-form sm step against the graph it replaces, in double precision: the same
 * loss and the same gradient of every parameter (the finite-difference checks of {@link
 * GradientCheckTest} cover it too), for both signs of the trace, dense and convolutional layers.
 */
class ClosedFormScoreMatchingTest {

  private static final DataType D = DataType.DOUBLE;

  static Stream<Arguments> cases() {
    List<Object[]> models =
        List.of(
            new Object[] {
              "MLP 12-30",
              (Supplier<EnergyModel>)
                  () -> new Delvm(Mlp.initialise(12, List.of(30), Activation.RELU, 3L, D))
            },
            new Object[] {
              "CNN 1x6x6 4@3",
              (Supplier<EnergyModel>)
                  () ->
                      new Delvm(
                          Cnn.initialise(1, 6, 6, List.of(4), List.of(3), Activation.RELU, 3L, D))
            },
            new Object[] {
              "CNN 2x7x5 3@5",
              (Supplier<EnergyModel>)
                  () ->
                      new Delvm(
                          Cnn.initialise(2, 7, 5, List.of(3), List.of(5), Activation.RELU, 3L, D))
            },
            new Object[] {
              "CNN 1x9x8 3@7",
              (Supplier<EnergyModel>)
                  () ->
                      new Delvm(
                          Cnn.initialise(1, 9, 8, List.of(3), List.of(7), Activation.RELU, 3L, D))
            },
            new Object[] {
              "CNN 3x6x6 2@2 (even kernel)",
              (Supplier<EnergyModel>)
                  () ->
                      new Delvm(
                          Cnn.initialise(3, 6, 6, List.of(2), List.of(2), Activation.RELU, 3L, D))
            });
    return models.stream()
        .flatMap(
            m -> Stream.of(Arguments.of(m[0], m[1], "sm"), Arguments.of(m[0], m[1], "sm-printed")));
  }

  @ParameterizedTest(name = "{2} on {0}")
  @MethodSource("cases")
  void closedFormStepAgreesWithTheGraph(
      String name, Supplier<EnergyModel> factory, String objectiveName) {
    EnergyModel model = factory.get();
    Nd4j.getRandom().setSeed(8);
    for (Parameter p : model.parameters()) {
      p.value().addi(Nd4j.rand(D, p.value().shape()).subi(0.5).muli(0.6));
    }
    int n = 7;
    INDArray x = Nd4j.rand(D, n, model.inputSize()).subi(0.3);
    ScoreMatching objective = (ScoreMatching) Objectives.create(objectiveName);
    Objective.Context context = new Objective.Context(model, n, x, 1L);
    Objective.TrainingStep fused = objective.prepare(context);
    GraphStep graph = objective.prepareGraph(context);
    if (!name.contains("even")) {
      assertInstanceOf(ClosedFormScoreMatching.class, fused, name);
    }
    fused.batch().assign(x);
    graph.batch().assign(x);
    double graphLoss = graph.run();
    List<INDArray> expected = model.parameters().stream().map(p -> p.gradient().dup()).toList();
    for (Parameter p : model.parameters()) {
      p.gradient().assign(Double.NaN);
    }
    double fusedLoss = fused.run();
    assertEquals(graphLoss, fusedLoss, 1e-12 * Math.max(1, Math.abs(graphLoss)), name);
    for (int i = 0; i < expected.size(); i++) {
      INDArray e = expected.get(i);
      INDArray a = model.parameters().get(i).gradient();
      double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
      double error = e.sub(a).amaxNumber().doubleValue() / scale;
      assertTrue(error < 1e-11, name + " " + model.parameters().get(i).name() + ": " + error);
    }
    assertEquals(fusedLoss, ((CheckableStep) fused).lossWithLastInputs(), 1e-12, name);
  }
}
