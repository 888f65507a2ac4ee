package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The score-matching terms of any energy model against finite differences of its energy E(x), in
 * double precision: the Hessian trace (and the gradient) coordinate by coordinate, the Hessian
 * quadratic form v^T H v along random directions.
 */
final class EnergyFiniteDifferences {

  private static final double H = 1e-4;

  private EnergyFiniteDifferences() {}

  /**
   * Checks {@code laplacian[n]} (and {@code gradient}'s row n, unless null) against central
   * differences of E at every row of x.
   */
  static void assertLaplacianMatches(
      EnergyModel model, INDArray x, double[] laplacian, INDArray gradient) {
    Inference inference = new Inference(model);
    for (int n = 0; n < x.rows(); n++) {
      INDArray row = x.getRow(n, true).dup();
      double e0 = energy(inference, row);
      double trace = 0;
      for (int i = 0; i < model.inputSize(); i++) {
        double xi = row.getDouble(0, i);
        row.putScalar(0, i, xi + H);
        double plus = energy(inference, row);
        row.putScalar(0, i, xi - H);
        double minus = energy(inference, row);
        row.putScalar(0, i, xi);
        if (gradient != null) {
          assertEquals((plus - minus) / (2 * H), gradient.getDouble(n, i), 1e-7, "grad " + i);
        }
        trace += (plus - 2 * e0 + minus) / (H * H);
      }
      assertEquals(trace, laplacian[n], 1e-5 * Math.max(1, Math.abs(trace)), "sample " + n);
    }
  }

  /**
   * Checks the model's {@code hessianQuadraticForm} with k random directions per sample against
   * second differences of E along each direction, at n random inputs (seeded).
   */
  static void assertHessianQuadraticFormMatches(EnergyModel model, int n, int k, long seed) {
    int d = model.inputSize();
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.rand(DataType.DOUBLE, n, d);
    INDArray v = Nd4j.randn(DataType.DOUBLE, (long) k * n, d);
    Graph g = new Graph(DataType.DOUBLE, false);
    Node input = g.input(n, d);
    Node directions = g.input((long) k * n, d);
    Node form = model.build(g, input).hessianQuadraticForm(directions, k);
    input.value().assign(x);
    directions.value().assign(v);
    g.forward();
    Inference inference = new Inference(model);
    for (int i = 0; i < k; i++) {
      for (int s = 0; s < n; s++) {
        INDArray xs = x.getRow(s, true);
        INDArray dir = v.getRow((long) i * n + s, true);
        double second =
            (energy(inference, xs.add(dir.mul(H)))
                    - 2 * energy(inference, xs)
                    + energy(inference, xs.sub(dir.mul(H))))
                / (H * H);
        double analytic = form.value().getDouble((long) i * n + s, 0);
        assertEquals(second, analytic, 1e-5 * Math.max(1, Math.abs(second)), "v" + i + " x" + s);
      }
    }
  }

  /**
   * Checks the model's {@code energyGradient} at every row of x against central differences of E
   * (step 1e-6, relative error below 1e-6 with a floor of 1e-2). Each sample's energy depends on
   * its own row only, so coordinate i moves in every row at once.
   */
  static void assertEnergyGradientMatches(EnergyModel model, INDArray x) {
    Graph g = new Graph(DataType.DOUBLE, false);
    Node input = g.input(x.shape());
    EnergyModel.EnergyGraph built = model.build(g, input);
    Node energy = built.energy();
    Node gradient = built.energyGradient();
    input.value().assign(x);
    g.forward();
    INDArray analytic = gradient.value().dup();
    double h = 1e-6;
    for (int i = 0; i < x.columns(); i++) {
      INDArray column = input.value().getColumn(i);
      column.assign(x.getColumn(i).add(h));
      g.forward();
      INDArray plus = energy.value().dup();
      column.assign(x.getColumn(i).sub(h));
      g.forward();
      INDArray minus = energy.value().dup();
      column.assign(x.getColumn(i));
      for (int s = 0; s < x.rows(); s++) {
        double numeric = (plus.getDouble(s) - minus.getDouble(s)) / (2 * h);
        double a = analytic.getDouble(s, i);
        double relative = Math.abs(a - numeric) / Math.max(1e-2, Math.abs(a) + Math.abs(numeric));
        assertTrue(relative < 1e-6, "[" + s + "," + i + "] analytic " + a + " vs " + numeric);
      }
    }
  }

  private static double energy(Inference inference, INDArray row) {
    return inference.run(row, Inference.Quantity.ENERGY).getDouble(0);
  }
}
