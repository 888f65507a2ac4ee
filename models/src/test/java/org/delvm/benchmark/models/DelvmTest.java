package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DelvmTest {

  static List<String> allCases() {
    return ReferenceVectors.allCases();
  }

  @ParameterizedTest
  @MethodSource("allCases")
  void energyAndItsGradientMatchPyTorch(String name) {
    JsonNode c = ReferenceVectors.testCase(name);
    Delvm model = new Delvm(ReferenceVectors.network(c));
    INDArray x = ReferenceVectors.rows(c.get("x"));
    assertArrayEquals(
        ReferenceVectors.array(c.get("energy")).toDoubleVector(),
        model.energy(x).toDoubleVector(),
        1e-12);
    // grad_x E = x - J^T f, so the residual of the reconstruction is PyTorch's grad_x E.
    assertArrayEquals(
        ReferenceVectors.rows(c.get("grad_x_energy")).dup('c').data().asDouble(),
        x.sub(model.reconstruction(x)).dup('c').data().asDouble(),
        1e-12);
  }

  /** Deep and smooth networks use the forward-mode trace, one layer the closed form. */
  static List<Object[]> networks() {
    return List.of(
        new Object[] {Activation.RELU, List.of(9)},
        new Object[] {Activation.SOFTPLUS, List.of(9)},
        new Object[] {Activation.TANH, List.of(9)},
        new Object[] {Activation.SIGMOID, List.of(9)},
        new Object[] {Activation.RELU, List.of(7, 5)},
        new Object[] {Activation.SOFTPLUS, List.of(7, 5, 4)},
        new Object[] {Activation.TANH, List.of(7, 5)},
        new Object[] {Activation.SIGMOID, List.of(6, 5)},
        // CNNs on 1 x 3 x 3 images, where zero padding touches every border, and on 1 x 5 x 5
        // with kernels of 5 (the im2col passes): negative widths encode {filters, kernel} pairs,
        // see randomModel.
        new Object[] {Activation.RELU, List.of(-2, -3)},
        new Object[] {Activation.RELU, List.of(-2, -5)},
        new Object[] {Activation.TANH, List.of(-2, -5, -2, -3)},
        new Object[] {Activation.SOFTPLUS, List.of(-2, -2)},
        new Object[] {Activation.RELU, List.of(-2, -3, -2, -2)},
        new Object[] {Activation.TANH, List.of(-3, -1, -2, -3)});
  }

  /** An MLP with the given widths, or a CNN when they are negative (filters, kernel) pairs. */
  private static Delvm randomModel(Activation activation, List<Integer> widths) {
    LayeredNetwork mlp =
        widths.get(0) > 0
            ? Mlp.initialise(6, widths, activation, 3L, DataType.DOUBLE)
            : cnn(activation, widths);
    Nd4j.getRandom().setSeed(17);
    for (Parameter p : mlp.parameters()) {
      p.value().addi(Nd4j.rand(DataType.DOUBLE, p.value().shape()).subi(0.5));
    }
    return new Delvm(mlp);
  }

  @ParameterizedTest
  @MethodSource("networks")
  void hessianTraceMatchesFiniteDifferencesOfTheEnergy(
      Activation activation, List<Integer> widths) {
    Delvm model = randomModel(activation, widths);
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, model.inputSize());
    EnergyFiniteDifferences.assertLaplacianMatches(
        model, x, model.energyLaplacian(x).toDoubleVector(), null);
  }

  @ParameterizedTest
  @MethodSource("networks")
  void hessianQuadraticFormMatchesSecondDifferencesAlongTheDirection(
      Activation activation, List<Integer> widths) {
    EnergyFiniteDifferences.assertHessianQuadraticFormMatches(
        randomModel(activation, widths), 3, 2, 6);
  }

  private static LayeredNetwork cnn(Activation activation, List<Integer> pairs) {
    List<Integer> filters = new java.util.ArrayList<>();
    List<Integer> kernels = new java.util.ArrayList<>();
    for (int i = 0; i < pairs.size(); i += 2) {
      filters.add(-pairs.get(i));
      kernels.add(-pairs.get(i + 1));
    }
    int side = kernels.stream().anyMatch(k -> k > 3) ? 5 : 3;
    return Cnn.initialise(1, side, side, filters, kernels, activation, 3L, DataType.DOUBLE);
  }

  @Test
  void aKernelLargerThanTheImageIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Cnn.initialise(
                    1, 4, 4, List.of(3), List.of(5), Activation.RELU, 1L, DataType.FLOAT));
    assertTrue(e.getMessage().contains("kernel 5x5 is larger than the 4x4 input"), e.getMessage());
  }

  @Test
  void initialisationIsDeterministicPerSeed() {
    INDArray a =
        Mlp.initialise(7, List.of(5), Activation.RELU, 11L, DataType.FLOAT).weights(0).value();
    INDArray b =
        Mlp.initialise(7, List.of(5), Activation.RELU, 11L, DataType.FLOAT).weights(0).value();
    INDArray c =
        Mlp.initialise(7, List.of(5), Activation.RELU, 12L, DataType.FLOAT).weights(0).value();
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void rejectsInputOfTheWrongWidth() {
    Delvm model = new Delvm(Mlp.initialise(7, List.of(5), Activation.RELU, 1L, DataType.FLOAT));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> model.energy(Nd4j.zeros(DataType.FLOAT, 2, 6)));
    assertTrue(e.getMessage().contains("n x 7"), e.getMessage());
  }
}
