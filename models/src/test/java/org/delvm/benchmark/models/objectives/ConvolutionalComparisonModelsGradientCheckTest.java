package org.delvm.benchmark.models.objectives;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.delvm.benchmark.models.Cebm;
import org.delvm.benchmark.models.Dem;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * As {@link GradientCheckTest}, for the convolutional comparison models: the CNN DEM ({@code
 * Dem.cnn}, both tops), whose {@code cd} uses the DEM's block Gibbs sampler, and the CNN CEBM
 * ({@code Cebm.convolutional}) under {@code pcd-langevin}. ({@code sm-printed} differs from {@code
 * sm} only in the sign of the trace term, so {@code sm} covers its graph.) Every parameter's
 * gradient against central finite differences in double precision, random inputs of the step held
 * fixed: relative error below 1e-6.
 */
class ConvolutionalComparisonModelsGradientCheckTest {

  private static final DataType D = DataType.DOUBLE;

  private static final Map<String, Map<String, ?>> OPTIONS =
      Map.of(
          "sm", Map.of(),
          "ssm", Map.of("projections", 3, "directions", "gaussian", "varianceReduced", false),
          "dsm", Map.of("sigma", 0.3),
          "cd", Map.of("k", 2),
          "pcd-langevin", Map.of("bufferSize", 20, "sgldSteps", 3, "stepSize", 0.01),
          "nce", Map.of());

  private static final List<String> DEM_OBJECTIVES =
      List.of("sm", "ssm", "dsm", "cd", "pcd-langevin", "nce");

  private record Case(String model, Supplier<EnergyModel> factory, List<String> objectives) {}

  private static List<Case> cases() {
    return List.of(
        new Case(
            "DEM CNN tanh 2@3 + softplus top 2@2 (1x3x3)",
            () -> Dem.cnn(1, 3, 3, List.of(2, 2), List.of(3, 2), Activation.TANH, 21L, D),
            DEM_OBJECTIVES),
        new Case(
            "convolutional Gaussian-Bernoulli RBM 2@3 (1x3x3)",
            () -> Dem.cnn(1, 3, 3, List.of(2), List.of(3), Activation.TANH, 21L, D),
            DEM_OBJECTIVES),
        new Case(
            "DEM CNN sigmoid 2@3 + dense softplus top 3 (1x3x3)",
            () -> Dem.cnn(1, 3, 3, List.of(2), List.of(3), Activation.SIGMOID, 3, 21L, D),
            DEM_OBJECTIVES),
        new Case(
            "CEBM CNN silu 2@3-2@3 + linear 2x2 (1x6x6)",
            () ->
                Cebm.convolutional(
                    1, 6, 6, List.of(2, 2), List.of(3, 3), 2, Activation.SILU, 21L, D),
            List.of("pcd-langevin")));
  }

  static Stream<Arguments> objectivesAndModels() {
    return cases().stream()
        .flatMap(c -> c.objectives().stream().map(o -> Arguments.of(o, c.model(), c.factory())));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("objectivesAndModels")
  void gradientMatchesCentralDifferences(
      String objective, String modelName, Supplier<EnergyModel> factory) {
    EnergyModel model = factory.get();
    Nd4j.getRandom().setSeed(5);
    for (Parameter p : model.parameters()) {
      p.value().addi(Nd4j.rand(D, p.value().shape()).subi(0.5).muli(0.4));
    }
    INDArray x = Nd4j.rand(D, 6, model.inputSize());
    GraphStep step =
        (GraphStep)
            Objectives.create(objective, OPTIONS.get(objective))
                .prepare(new Objective.Context(model, 6, x, 13L));
    step.batch().assign(x);
    step.run();

    double h = 1e-6;
    for (Parameter p : step.parameters()) {
      INDArray value = p.value();
      INDArray analytic = p.gradient().dup();
      for (long i = 0; i < value.length(); i++) {
        double original = value.getDouble(i);
        value.putScalar(i, original + h);
        double plus = step.lossWithLastInputs();
        value.putScalar(i, original - h);
        double minus = step.lossWithLastInputs();
        value.putScalar(i, original);
        double numeric = (plus - minus) / (2 * h);
        double a = analytic.getDouble(i);
        double relative = Math.abs(a - numeric) / Math.max(1e-2, Math.abs(a) + Math.abs(numeric));
        assertTrue(
            relative < 1e-6,
            objective
                + " on "
                + modelName
                + ", "
                + p.name()
                + "["
                + i
                + "]: analytic "
                + a
                + " vs numeric "
                + numeric);
      }
    }
  }
}
