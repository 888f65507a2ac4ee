package org.delvm.benchmark.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The im2col + GEMM passes against ND4J's own deconv2d and conv2d_bp, for odd kernels (even ones
 * stay with ND4J's ops), in one chunk and in several (a small budget, with a shorter last chunk),
 * in double precision.
 */
class Im2colTest {

  private static final DataType D = DataType.DOUBLE;

  @ParameterizedTest(name = "C {0}, {1}x{2}, F {3}, k {4}, n {5}, budget {6}")
  @CsvSource({
    "1, 5, 5, 2, 3, 3, 4194304",
    "2, 6, 5, 3, 3, 7, 100",
    "3, 5, 5, 2, 5, 5, 160",
    "1, 3, 3, 2, 3, 5, 200",
    "3, 7, 7, 4, 5, 3, 4194304"
  })
  void matchNd4jsConvolutionOps(int c, int h, int w, int f, int k, int n, long budget) {
    ConvShape s = new ConvShape(c, h, w, f, k);
    Nd4j.getRandom().setSeed(3);
    INDArray weights = Nd4j.rand(D, s.weightShape()).subi(0.5);
    INDArray x = Nd4j.rand(D, n, s.inputSize()).subi(0.5);
    INDArray u = Nd4j.rand(D, n, s.outputSize()).subi(0.5);
    int chunk = Im2col.chunkSize(s, n, budget);
    assertTrue(chunk >= 1 && chunk <= n);

    // Transposed convolution, written over whatever y held.
    INDArray y = Nd4j.rand(D, n, s.inputSize());
    Im2col.transposed(s, weights, u, y, budget).run();
    INDArray expectedY = Nd4j.create(D, n, s.inputSize());
    exec("deconv2d", new INDArray[] {images(u, f, s), weights}, images(expectedY, c, s), s);
    assertClose(expectedY, y);

    // Weight gradient of o = conv(x, W), accumulated onto what dW held.
    INDArray dW = Nd4j.rand(D, s.weightShape());
    INDArray before = dW.dup();
    Im2col.weightGradient(s, x, u, dW, budget).run();
    INDArray inputGrad = Nd4j.create(D, n, c, h, w);
    INDArray expectedDw = Nd4j.create(D, s.weightShape());
    Nd4j.exec(
        DynamicCustomOp.builder("conv2d_bp")
            .addInputs(images(x, c, s), weights, images(u, f, s))
            .addOutputs(inputGrad, expectedDw)
            .addIntegerArguments(s.nd4jArguments())
            .build());
    assertClose(before.add(expectedDw), dW);
    // And the transposed convolution is conv2d's input gradient.
    assertClose(inputGrad.reshape(n, s.inputSize()), y);
  }

  private static void exec(String name, INDArray[] in, INDArray out, ConvShape s) {
    Nd4j.exec(
        DynamicCustomOp.builder(name)
            .addInputs(in)
            .addOutputs(out)
            .addIntegerArguments(s.nd4jArguments())
            .build());
  }

  private static INDArray images(INDArray rows, int channels, ConvShape s) {
    return rows.reshape('c', rows.rows(), channels, s.height(), s.width());
  }

  private static void assertClose(INDArray expected, INDArray actual) {
    assertEquals(0.0, expected.sub(actual).amaxNumber().doubleValue(), 1e-12, actual.toString());
  }
}
