package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DelvmTest {

  private static final JsonNode CASE = ReferenceVectors.testCase("mlp-1layer-relu");

  private static Delvm referenceModel() {
    JsonNode params = CASE.get("params");
    return Delvm.of(
        ReferenceVectors.array(params.get("W1")), ReferenceVectors.array(params.get("b1")));
  }

  @Test
  void energyMatchesPyTorch() {
    INDArray x = ReferenceVectors.array(CASE.get("x"));
    assertArrayEquals(
        ReferenceVectors.array(CASE.get("energy")).toDoubleVector(),
        referenceModel().energy(x).toDoubleVector(),
        1e-12);
  }

  @Test
  void reconstructionResidualIsTheEnergyGradient() {
    // grad_x E = x - J^T f, so the residual of the reconstruction is PyTorch's grad_x E.
    INDArray x = ReferenceVectors.array(CASE.get("x"));
    INDArray gradient = x.sub(referenceModel().reconstruction(x));
    INDArray expected = ReferenceVectors.array(CASE.get("grad_x_energy"));
    assertArrayEquals(
        expected.data().asDouble(), gradient.dup('c').data().asDouble(), 1e-12, "grad_x E");
  }

  @Test
  void energyLaplacianMatchesFiniteDifferencesOfTheEnergy() {
    Delvm model = Delvm.initialise(6, 9, 3L, DataType.DOUBLE);
    model.bias().value().assign(Nd4j.rand(DataType.DOUBLE, 1, 9).subi(0.5));
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

  @Test
  void initialisationIsDeterministicPerSeed() {
    INDArray a = Delvm.initialise(7, 5, 11L, DataType.FLOAT).weights().value();
    INDArray b = Delvm.initialise(7, 5, 11L, DataType.FLOAT).weights().value();
    INDArray c = Delvm.initialise(7, 5, 12L, DataType.FLOAT).weights().value();
    assertEquals(a, b);
    assertEquals(false, a.equals(c));
  }

  @Test
  void rejectsInputOfTheWrongWidth() {
    Delvm model = Delvm.initialise(7, 5, 1L, DataType.FLOAT);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> model.energy(Nd4j.zeros(DataType.FLOAT, 2, 6)));
    assertEquals(true, e.getMessage().contains("n x 7"), e.getMessage());
  }
}
