package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.LayeredNetwork;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.delvm.benchmark.models.Delvm;
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
 * Every objective's gradient with respect to every parameter against central finite differences in
 * double precision. Random inputs of the step (noise, directions, model samples) are held at their
 * values from the analytic pass, so both sides differentiate the same function.
 */
class GradientCheckTest {

  static Stream<Arguments> objectives() {
    Map<String, Map<String, ?>> options =
        Map.of(
            "sm", Map.of(),
            "sm-printed", Map.of(),
            "ssm", Map.of("projections", 3, "directions", "gaussian", "varianceReduced", false),
            "dsm", Map.of("sigma", 0.3),
            "cd", Map.of("k", 2),
            "pcd-langevin", Map.of("bufferSize", 20, "sgldSteps", 3, "stepSize", 0.01),
            "nce", Map.of());
    List<Object[]> networks =
        List.of(
            new Object[] {Activation.SOFTPLUS, List.of(7, 4)},
            new Object[] {Activation.TANH, List.of(6)},
            new Object[] {Activation.RELU, List.of(6, 5)},
            new Object[] {Activation.SOFTPLUS, List.of(-2, -3, -2, -2)},
            new Object[] {Activation.RELU, List.of(-3, -3)});
    return options.entrySet().stream()
        .flatMap(
            o ->
                networks.stream()
                    .map(net -> Arguments.of(o.getKey(), o.getValue(), net[0], net[1])));
  }

  private static LayeredNetwork cnn(Activation activation, List<Integer> pairs) {
    List<Integer> filters = new java.util.ArrayList<>();
    List<Integer> kernels = new java.util.ArrayList<>();
    for (int i = 0; i < pairs.size(); i += 2) {
      filters.add(-pairs.get(i));
      kernels.add(-pairs.get(i + 1));
    }
    return org.delvm.benchmark.models.Cnn.initialise(
        1, 3, 3, filters, kernels, activation, 21L, DataType.DOUBLE);
  }

  @ParameterizedTest(name = "{0} on {2} {3}")
  @MethodSource("objectives")
  void gradientMatchesCentralDifferences(
      String name, Map<String, ?> options, Activation activation, List<Integer> widths) {
    // Negative widths are CNN (filters, kernel) pairs on 1 x 3 x 3 images.
    LayeredNetwork mlp =
        widths.get(0) > 0
            ? Mlp.initialise(5, widths, activation, 21L, DataType.DOUBLE)
            : cnn(activation, widths);
    Nd4j.getRandom().setSeed(5);
    for (Parameter p : mlp.parameters()) {
      p.value().addi(Nd4j.rand(DataType.DOUBLE, p.value().shape()).subi(0.5).muli(0.4));
    }
    INDArray x = Nd4j.rand(DataType.DOUBLE, 6, mlp.inputSize());
    GraphStep step =
        (GraphStep)
            Objectives.create(name, options)
                .prepare(new Objective.Context(new Delvm(mlp), 6, x, 13L));
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
        // Relative error, with an absolute floor of 1e-8 for gradients near zero (the finite
        // difference of a loss of size ~10 carries ~1e-9 of rounding error).
        double relative = Math.abs(a - numeric) / Math.max(1e-2, Math.abs(a) + Math.abs(numeric));
        assertTrue(
            relative < 1e-6,
            name + " " + p.name() + "[" + i + "]: analytic " + a + " vs numeric " + numeric);
      }
    }
  }
}
