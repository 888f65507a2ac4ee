package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The flow's exactness, in double precision, with every parameter moved off its identity start: the
 * log-density of a sample equals log N(z) - log|det dx/dz| with the Jacobian by central
 * differences; the inverse direction gives the same log-density at the sampled points; and in 2-D
 * the density integrates to 1 on a grid.
 */
class AffineCouplingFlowTest {

  private static final DataType D = DataType.DOUBLE;

  private static AffineCouplingFlow randomFlow(int d, int couplings, long seed) {
    Nd4j.getRandom().setSeed(seed);
    INDArray data = Nd4j.randn(D, 50, d).muli(0.7).addi(0.3);
    AffineCouplingFlow flow = AffineCouplingFlow.initialise(data, couplings, 5, seed, D);
    for (Parameter p : flow.parameters()) {
      p.value().addi(Nd4j.rand(D, p.value().shape()).subi(0.5).muli(0.8));
    }
    return flow;
  }

  @Test
  void logDensityOfSamplesIsBaseDensityMinusLogDetOfFiniteDifferenceJacobian() {
    int d = 5;
    AffineCouplingFlow flow = randomFlow(d, 4, 3L);
    Graph g = new Graph(D, false);
    Node z = g.input(1, d);
    AffineCouplingFlow.Sample s = flow.sample(g, z);
    Nd4j.getRandom().setSeed(9);
    for (int trial = 0; trial < 4; trial++) {
      INDArray z0 = Nd4j.randn(D, 1, d);
      z.value().assign(z0);
      g.forward();
      double logQ = s.logDensity().value().getDouble(0);
      double logBase =
          -0.5 * z0.mul(z0).sumNumber().doubleValue() - 0.5 * d * Math.log(2 * Math.PI);
      double[][] jacobian = new double[d][d];
      double h = 1e-6;
      for (int j = 0; j < d; j++) {
        z.value().assign(z0);
        z.value().putScalar(0, j, z0.getDouble(0, j) + h);
        g.forward();
        INDArray plus = s.x().value().dup();
        z.value().putScalar(0, j, z0.getDouble(0, j) - h);
        g.forward();
        INDArray minus = s.x().value().dup();
        for (int i = 0; i < d; i++) {
          jacobian[i][j] = (plus.getDouble(0, i) - minus.getDouble(0, i)) / (2 * h);
        }
      }
      double logDet = Math.log(Math.abs(determinant(jacobian)));
      assertEquals(logBase - logDet, logQ, 1e-7, "trial " + trial);
    }
  }

  @Test
  void inverseDirectionGivesTheSampledLogDensity() {
    AffineCouplingFlow flow = randomFlow(6, 3, 4L);
    Graph g = new Graph(D, false);
    Node z = g.input(20, 6);
    AffineCouplingFlow.Sample s = flow.sample(g, z);
    Nd4j.getRandom().setSeed(2);
    z.value().assign(Nd4j.randn(D, 20, 6));
    g.forward();
    INDArray inverse = flow.logDensity(s.x().value().dup());
    INDArray forward = s.logDensity().value().reshape(20);
    for (int i = 0; i < 20; i++) {
      assertEquals(forward.getDouble(i), inverse.getDouble(i), 1e-10, "row " + i);
    }
  }

  @Test
  void twoDimensionalDensityIntegratesToOne() {
    AffineCouplingFlow flow = randomFlow(2, 4, 5L);
    // Midpoint rule on [-8, 8]^2 (the data scale is ~1; the tails beyond are negligible).
    int m = 400;
    double lo = -8;
    double step = 16.0 / m;
    INDArray grid = Nd4j.create(D, (long) m * m, 2);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        grid.putScalar((long) i * m + j, 0, lo + (i + 0.5) * step);
        grid.putScalar((long) i * m + j, 1, lo + (j + 0.5) * step);
      }
    }
    double mass =
        org.nd4j.linalg.ops.transforms.Transforms.exp(flow.logDensity(grid), false)
                .sumNumber()
                .doubleValue()
            * step
            * step;
    assertEquals(1.0, mass, 2e-3);
  }

  /** Determinant by Gaussian elimination with partial pivoting. */
  static double determinant(double[][] matrix) {
    int n = matrix.length;
    double[][] a = new double[n][];
    for (int i = 0; i < n; i++) {
      a[i] = matrix[i].clone();
    }
    double det = 1;
    for (int c = 0; c < n; c++) {
      int pivot = c;
      for (int r = c + 1; r < n; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
          pivot = r;
        }
      }
      if (pivot != c) {
        double[] t = a[c];
        a[c] = a[pivot];
        a[pivot] = t;
        det = -det;
      }
      det *= a[c][c];
      for (int r = c + 1; r < n; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < n; k++) {
          a[r][k] -= f * a[c][k];
        }
      }
    }
    return det;
  }
}
