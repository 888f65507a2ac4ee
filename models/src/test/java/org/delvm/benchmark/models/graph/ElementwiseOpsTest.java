package org.delvm.benchmark.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The operations of {@link ElementwiseOps}: values against plain arithmetic and gradients against
 * central finite differences in double precision (relative error < 1e-6), for a loss sum(w * op(a,
 * b)) with fixed random weights w. Inputs a and b are 4 x 3 in [0.5, 1.5] (positive for log and
 * reciprocal); b is 1 x 3 for the row-vector product.
 */
class ElementwiseOpsTest {

  record Case(String name, boolean rowVector, BiFunction<Graph, Node[], Node> op) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(
            new Case("exp", false, (g, in) -> g.exp(in[0])),
            new Case("log", false, (g, in) -> g.log(in[0])),
            new Case("reciprocal", false, (g, in) -> g.reciprocal(in[0])),
            new Case("square", false, (g, in) -> g.square(in[0])),
            new Case("divide", false, (g, in) -> g.divide(in[0], in[1])),
            new Case("mulRowVector", true, (g, in) -> g.mulRowVector(in[0], in[1])),
            new Case("columns", false, (g, in) -> g.columns(in[0], 1, 3)),
            new Case("concatColumns", false, (g, in) -> g.concatColumns(in[0], in[1])),
            // A composition: every op's gradient accumulates into shared inputs.
            new Case(
                "composition",
                false,
                (g, in) ->
                    g.mul(
                        g.exp(g.columns(g.concatColumns(in[0], in[1]), 2, 5)),
                        g.log(g.square(g.columns(in[1], 0, 3))))))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void gradientMatchesCentralDifferences(Case c) {
    Nd4j.getRandom().setSeed(11);
    Graph g = new Graph(DataType.DOUBLE);
    Node a = g.differentiableInput(4, 3);
    Node b = c.rowVector() ? g.differentiableInput(1, 3) : g.differentiableInput(4, 3);
    a.value().assign(Nd4j.rand(DataType.DOUBLE, 4, 3).addi(0.5));
    b.value().assign(Nd4j.rand(DataType.DOUBLE, b.shape()).addi(0.5));
    Node out = c.op().apply(g, new Node[] {a, b});
    Node weights = g.constant(Nd4j.rand(DataType.DOUBLE, out.shape()).subi(0.5));
    Node loss = g.sum(g.mul(out, weights));
    g.forward();
    g.backward(loss);
    double h = 1e-6;
    for (Node input : List.of(a, b)) {
      INDArray analytic = input.grad().dup();
      for (long i = 0; i < input.value().length(); i++) {
        double original = input.value().getDouble(i);
        input.value().putScalar(i, original + h);
        g.forward();
        double plus = loss.value().getDouble(0);
        input.value().putScalar(i, original - h);
        g.forward();
        double minus = loss.value().getDouble(0);
        input.value().putScalar(i, original);
        double numeric = (plus - minus) / (2 * h);
        double an = analytic.getDouble(i);
        double relative = Math.abs(an - numeric) / Math.max(1e-2, Math.abs(an) + Math.abs(numeric));
        assertTrue(
            relative < 1e-6, c.name() + " [" + i + "]: analytic " + an + " vs numeric " + numeric);
      }
    }
  }

  @Test
  void valuesMatchPlainArithmetic() {
    Graph g = new Graph(DataType.DOUBLE, false);
    Node a = g.input(2, 3);
    Node row = g.input(1, 3);
    a.value().assign(Nd4j.createFromArray(new double[][] {{0.5, 1, 2}, {3, 4, 0.25}}));
    row.value().assign(Nd4j.createFromArray(new double[][] {{2, -1, 0.5}}));
    Node exp = g.exp(a);
    Node log = g.log(a);
    Node reciprocal = g.reciprocal(a);
    Node square = g.square(a);
    Node scaled = g.mulRowVector(a, row);
    Node middle = g.columns(a, 1, 2);
    Node joined = g.concatColumns(a, middle);
    g.forward();
    for (int r = 0; r < 2; r++) {
      for (int j = 0; j < 3; j++) {
        double v = a.value().getDouble(r, j);
        assertEquals(Math.exp(v), exp.value().getDouble(r, j), 1e-12);
        assertEquals(Math.log(v), log.value().getDouble(r, j), 1e-12);
        assertEquals(1 / v, reciprocal.value().getDouble(r, j), 1e-12);
        assertEquals(v * v, square.value().getDouble(r, j), 1e-12);
        assertEquals(v * row.value().getDouble(0, j), scaled.value().getDouble(r, j), 1e-12);
        assertEquals(v, joined.value().getDouble(r, j), 0.0);
      }
      assertEquals(a.value().getDouble(r, 1), middle.value().getDouble(r, 0), 0.0);
      assertEquals(a.value().getDouble(r, 1), joined.value().getDouble(r, 3), 0.0);
    }
  }

  /** SiLU a * sigmoid(a) and its derivatives of order 1..3 against finite differences. */
  @Test
  void siluDerivativesMatchFiniteDifferences() {
    INDArray a = Nd4j.linspace(-6, 6, 49, DataType.DOUBLE).reshape(7, 7);
    INDArray out = a.ulike();
    INDArray scratch = a.ulike();
    Activation.SILU.apply(0, a, out, scratch);
    for (long i = 0; i < a.length(); i++) {
      double v = a.getDouble(i);
      assertEquals(v / (1 + Math.exp(-v)), out.getDouble(i), 1e-12);
    }
    double h = 1e-5;
    for (int order = 1; order <= Activation.MAX_ORDER; order++) {
      INDArray analytic = a.ulike();
      Activation.SILU.apply(order, a, analytic, scratch);
      INDArray plus = a.ulike();
      INDArray minus = a.ulike();
      Activation.SILU.apply(order - 1, a.add(h), plus, scratch);
      Activation.SILU.apply(order - 1, a.sub(h), minus, scratch);
      for (long i = 0; i < a.length(); i++) {
        double numeric = (plus.getDouble(i) - minus.getDouble(i)) / (2 * h);
        assertEquals(
            numeric, analytic.getDouble(i), 1e-7, "order " + order + " at " + a.getDouble(i));
      }
    }
  }
}
