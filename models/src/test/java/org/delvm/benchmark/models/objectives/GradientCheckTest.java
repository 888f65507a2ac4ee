package org.delvm.benchmark.models.objectives;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.delvm.benchmark.models.Autoencoder;
import org.delvm.benchmark.models.Cebm;
import org.delvm.benchmark.models.Cnn;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.Dem;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.Rbm;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every objective's gradient with respect to every parameter, on every kind of model it trains,
 * against central finite differences in double precision: relative error below 1e-6. Random inputs
 * of the step (noise, directions, model samples) are held at their values from the analytic pass,
 * so both sides differentiate the same function; for FCE's flow, which maximises the loss, the step
 * holds the negated gradient. The CNN DEM's {@code cd} uses the DEM's block Gibbs sampler; CEBM
 * trains only by {@code pcd-langevin}.
 */
class GradientCheckTest {

  private static final DataType D = DataType.DOUBLE;

  private static final Map<String, Map<String, ?>> OPTIONS =
      Map.of(
          "sm", Map.of(),
          "sm-printed", Map.of(),
          "ssm", Map.of("projections", 3, "directions", "gaussian", "varianceReduced", false),
          "dsm", Map.of("sigma", 0.3),
          "cd", Map.of("k", 2),
          "pcd-langevin", Map.of("bufferSize", 20, "sgldSteps", 3, "stepSize", 0.01),
          "nce", Map.of(),
          "fce", Map.of("couplings", 2, "hiddenUnits", 3),
          "reconstruction", Map.of());

  private record Case(String model, Supplier<EnergyModel> factory, List<String> objectives) {}

  private static final List<String> SCORE_BASED =
      List.of("sm", "sm-printed", "ssm", "dsm", "pcd-langevin", "nce");

  /** The DEM's objectives on CNN features ({@code sm-printed} only flips sm's trace sign). */
  private static final List<String> DEM_CNN =
      List.of("sm", "ssm", "dsm", "cd", "pcd-langevin", "nce");

  /**
   * FCE's flow adds a graph as large as the model's, so it is checked on three cases only: an MLP
   * and a CNN DELVM and the MLP DEM (both masks of the flow are used by its two couplings).
   */
  private static List<String> withFce(List<String> objectives) {
    List<String> all = new java.util.ArrayList<>(objectives);
    all.add("fce");
    return all;
  }

  private static List<Case> cases() {
    List<String> delvm = new java.util.ArrayList<>(SCORE_BASED);
    delvm.add("cd");
    return List.of(
        new Case(
            "DELVM MLP softplus 7-4",
            () -> new Delvm(Mlp.initialise(5, List.of(7, 4), Activation.SOFTPLUS, 21L, D)),
            delvm),
        new Case(
            "DELVM MLP tanh 6",
            () -> new Delvm(Mlp.initialise(5, List.of(6), Activation.TANH, 21L, D)),
            withFce(delvm)),
        new Case(
            // One ReLU layer: the closed-form step of sm and sm-printed.
            "DELVM MLP relu 6",
            () -> new Delvm(Mlp.initialise(5, List.of(6), Activation.RELU, 21L, D)),
            delvm),
        new Case(
            "DELVM MLP relu 6-5",
            () -> new Delvm(Mlp.initialise(5, List.of(6, 5), Activation.RELU, 21L, D)),
            delvm),
        new Case(
            "DELVM CNN softplus 2@3-2@2",
            () ->
                new Delvm(
                    Cnn.initialise(
                        1, 3, 3, List.of(2, 2), List.of(3, 2), Activation.SOFTPLUS, 21L, D)),
            delvm),
        new Case(
            "DELVM CNN relu 3@3",
            () ->
                new Delvm(Cnn.initialise(1, 3, 3, List.of(3), List.of(3), Activation.RELU, 21L, D)),
            withFce(delvm)),
        new Case(
            // Kernels of 5 and more take the im2col + GEMM passes.
            "DELVM CNN tanh 2@5-2@5 (1x5x5)",
            () ->
                new Delvm(
                    Cnn.initialise(1, 5, 5, List.of(2, 2), List.of(5, 5), Activation.TANH, 21L, D)),
            delvm),
        new Case(
            "DEM CNN tanh 2@5 + softplus top 2@5 (1x5x5)",
            () -> Dem.cnn(1, 5, 5, List.of(2, 2), List.of(5, 5), Activation.TANH, 21L, D),
            DEM_CNN),
        new Case(
            "DEM MLP relu 6 + softplus 4",
            () -> Dem.mlp(5, List.of(6), Activation.RELU, 4, 21L, D),
            withFce(SCORE_BASED)),
        new Case(
            "Gaussian-Bernoulli RBM 5-4",
            () -> Dem.mlp(5, List.of(), Activation.RELU, 4, 21L, D),
            SCORE_BASED),
        new Case(
            "DEM CNN tanh 2@3 + softplus top 2@2 (1x3x3)",
            () -> Dem.cnn(1, 3, 3, List.of(2, 2), List.of(3, 2), Activation.TANH, 21L, D),
            DEM_CNN),
        new Case(
            "convolutional Gaussian-Bernoulli RBM 2@3 (1x3x3)",
            () -> Dem.cnn(1, 3, 3, List.of(2), List.of(3), Activation.TANH, 21L, D),
            DEM_CNN),
        new Case(
            "DEM CNN sigmoid 2@3 + dense softplus top 3 (1x3x3)",
            () -> Dem.cnn(1, 3, 3, List.of(2), List.of(3), Activation.SIGMOID, 3, 21L, D),
            DEM_CNN),
        new Case(
            "CEBM MLP silu 6 + linear 2x3",
            () -> Cebm.initialise(5, List.of(6), 3, Activation.SILU, 21L, D),
            List.of("pcd-langevin")),
        new Case(
            "CEBM CNN silu 2@3-2@3 + linear 2x2 (1x6x6)",
            () ->
                Cebm.convolutional(
                    1, 6, 6, List.of(2, 2), List.of(3, 3), 2, Activation.SILU, 21L, D),
            List.of("pcd-langevin")),
        new Case("binary RBM 5-4", () -> Rbm.initialise(5, 4, 21L, D), List.of("cd")),
        new Case(
            "AE 5-4-3",
            () -> Autoencoder.dense(5, List.of(4, 3), Activation.TANH, 21L, D),
            List.of("reconstruction")),
        new Case(
            "CAE 2@3-1@2",
            () ->
                Autoencoder.convolutional(
                    1, 3, 3, List.of(2, 1), List.of(3, 2), Activation.SOFTPLUS, 21L, D),
            List.of("reconstruction")));
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
    Objective.TrainingStep step =
        Objectives.create(objective, OPTIONS.get(objective))
            .prepare(new Objective.Context(model, 6, x, 13L));
    // One-layer ReLU DELVMs take the closed-form step for sm and sm-printed.
    CheckableStep check = (CheckableStep) step;
    for (Parameter p : step.parameters()) {
      if (check.ascends(p)) {
        // FCE's fresh flow is the identity on its couplings (zero output weights): move it off.
        p.value().addi(Nd4j.rand(D, p.value().shape()).subi(0.5).muli(0.4));
      }
    }
    step.batch().assign(x);
    step.run();

    double h = 1e-6;
    for (Parameter p : step.parameters()) {
      INDArray value = p.value();
      INDArray analytic = p.gradient().dup();
      for (long i = 0; i < value.length(); i++) {
        double original = value.getDouble(i);
        value.putScalar(i, original + h);
        double plus = check.lossWithLastInputs();
        value.putScalar(i, original - h);
        double minus = check.lossWithLastInputs();
        value.putScalar(i, original);
        // FCE's flow plays against the loss: its step holds -d(loss)/d(flow).
        double numeric = (check.ascends(p) ? -1 : 1) * (plus - minus) / (2 * h);
        double a = analytic.getDouble(i);
        // Relative error, with an absolute floor of 1e-8 for gradients near zero (the finite
        // difference of a loss of size ~10 carries ~1e-9 of rounding error).
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
