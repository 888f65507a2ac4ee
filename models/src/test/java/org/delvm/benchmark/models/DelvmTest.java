package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DelvmTest {

  static List<String> mlpCases() {
    return ReferenceVectors.mlpCases();
  }

  @ParameterizedTest
  @MethodSource("mlpCases")
  void energyAndItsGradientMatchPyTorch(String name) {
    JsonNode c = ReferenceVectors.testCase(name);
    Delvm model = new Delvm(ReferenceVectors.mlp(c));
    INDArray x = ReferenceVectors.array(c.get("x"));
    assertArrayEquals(
        ReferenceVectors.array(c.get("energy")).toDoubleVector(),
        model.energy(x).toDoubleVector(),
        1e-12);
    // grad_x E = x - J^T f, so the residual of the reconstruction is PyTorch's grad_x E.
    assertArrayEquals(
        ReferenceVectors.array(c.get("grad_x_energy")).dup('c').data().asDouble(),
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
        new Object[] {Activation.SIGMOID, List.of(6, 5)});
  }

  private static Delvm randomModel(Activation activation, List<Integer> widths) {
    Mlp mlp = Mlp.initialise(6, widths, activation, 3L, DataType.DOUBLE);
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
    INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 6);
    double h = 1e-4;
    double[] analytic = model.energyLaplacian(x).toDoubleVector();
    for (int n = 0; n < 4; n++) {
      INDArray row = x.getRow(n, true).dup();
      double e0 = model.energy(row).getDouble(0);
      double trace = 0;
      for (int i = 0; i < 6; i++) {
        double xi = row.getDouble(0, i);
        row.putScalar(0, i, xi + h);
        double plus = model.energy(row).getDouble(0);
        row.putScalar(0, i, xi - h);
        double minus = model.energy(row).getDouble(0);
        row.putScalar(0, i, xi);
        trace += (plus - 2 * e0 + minus) / (h * h);
      }
      assertEquals(trace, analytic[n], 1e-5 * Math.max(1, Math.abs(trace)), "sample " + n);
    }
  }

  @ParameterizedTest
  @MethodSource("networks")
  void hessianQuadraticFormMatchesSecondDifferencesAlongTheDirection(
      Activation activation, List<Integer> widths) {
    Delvm model = randomModel(activation, widths);
    Nd4j.getRandom().setSeed(6);
    int n = 3;
    int k = 2;
    INDArray x = Nd4j.rand(DataType.DOUBLE, n, 6);
    INDArray v = Nd4j.randn(DataType.DOUBLE, (long) k * n, 6);
    Graph g = new Graph(DataType.DOUBLE, false);
    Node input = g.input(n, 6);
    Node directions = g.input((long) k * n, 6);
    Node form = model.build(g, input).hessianQuadraticForm(directions, k);
    input.value().assign(x);
    directions.value().assign(v);
    g.forward();
    double h = 1e-4;
    for (int i = 0; i < k; i++) {
      for (int s = 0; s < n; s++) {
        INDArray xs = x.getRow(s, true);
        INDArray dir = v.getRow((long) i * n + s, true);
        double second =
            (model.energy(xs.add(dir.mul(h))).getDouble(0)
                    - 2 * model.energy(xs).getDouble(0)
                    + model.energy(xs.sub(dir.mul(h))).getDouble(0))
                / (h * h);
        double analytic = form.value().getDouble((long) i * n + s, 0);
        assertEquals(second, analytic, 1e-5 * Math.max(1, Math.abs(second)), "v" + i + " x" + s);
      }
    }
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
