package org.delvm.benchmark.models.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The two convolution passes that ND4J 1.0.0-M2.1's CPU ops run slowly (about 7 GFLOP/s against 100
 * for a GEMM), rewritten as im2col + one GEMM per chunk of images: the transposed convolution y =
 * W^T u (also a convolution's input gradient) and the weight gradient dW += o . cols(x)^T. Chunks
 * keep each column buffer under {@link #BUDGET} elements, so that deep layers (many input channels)
 * do not need gigabytes. The passes are built once with their buffers and re-run.
 *
 * <p>Layouts: nodes hold one C x H x W image per row; with K = C k^2 and P = H W, the columns of a
 * chunk of m images are K x (m P), so that W (F x K) multiplies all of them in one GEMM; permuted
 * copies move between the per-image and the per-channel layouts.
 */
final class Im2col {

  /** Elements per column buffer: 4 M (16 MB in float). */
  static final long BUDGET = 1L << 22;

  private Im2col() {}

  /** Images per chunk: as many as fit the budget, at least one. */
  static int chunkSize(ConvShape s, int images, long budget) {
    long perImage = (long) s.channels() * s.kernel() * s.kernel() * s.height() * s.width();
    perImage = Math.max(perImage, (long) s.filters() * s.height() * s.width());
    return (int) Math.max(1, Math.min(images, budget / perImage));
  }

  /**
   * y = W^T u, i.e. the adjoint of conv(., W) without bias: u is n x F*H*W, y n x C*H*W (written).
   */
  static Runnable transposed(ConvShape s, INDArray w, INDArray u, INDArray y, long budget) {
    List<Runnable> chunks = new ArrayList<>();
    INDArray w2 = w.reshape('c', s.filters(), columnsPerPixel(s));
    Map<Integer, Buffers> buffers = new HashMap<>();
    forEachChunk(
        s,
        (int) u.rows(),
        budget,
        (from, m) -> {
          Buffers b = buffers.computeIfAbsent(m, k -> new Buffers(s, k, u.dataType()));
          INDArray uChunk = rows(u, from, m).reshape('c', m, s.filters(), pixels(s));
          INDArray u2 = b.outputs.reshape('c', s.filters(), m, pixels(s));
          INDArray columnsPerImage = b.columns6.reshape('c', m, columnsPerPixel(s), pixels(s));
          INDArray columns2 = b.columns2.reshape('c', columnsPerPixel(s), m, pixels(s));
          DynamicCustomOp col2im =
              op(
                  "col2im",
                  b.columns6,
                  images(rows(y, from, m), s.channels(), s),
                  1,
                  1,
                  pad(s),
                  pad(s),
                  s.height(),
                  s.width(),
                  1,
                  1,
                  0);
          chunks.add(
              () -> {
                u2.assign(uChunk.permute(1, 0, 2));
                Nd4j.gemm(w2, b.outputs, b.columns2, true, false, 1.0, 0.0);
                columnsPerImage.assign(columns2.permute(1, 0, 2));
                Nd4j.exec(col2im);
              });
        });
    return () -> chunks.forEach(Runnable::run);
  }

  /**
   * dW += sum over images of o_i cols(x_i)^T, the weight gradient of o = conv(x, W): x is n x
   * C*H*W, o n x F*H*W, dW F x C x k x k (accumulated).
   */
  static Runnable weightGradient(ConvShape s, INDArray x, INDArray o, INDArray dW, long budget) {
    List<Runnable> chunks = new ArrayList<>();
    INDArray dW2 = dW.reshape('c', s.filters(), columnsPerPixel(s));
    Map<Integer, Buffers> buffers = new HashMap<>();
    forEachChunk(
        s,
        (int) x.rows(),
        budget,
        (from, m) -> {
          Buffers b = buffers.computeIfAbsent(m, k -> new Buffers(s, k, x.dataType()));
          DynamicCustomOp im2col =
              op(
                  "im2col",
                  images(rows(x, from, m), s.channels(), s),
                  b.columns6,
                  s.kernel(),
                  s.kernel(),
                  1,
                  1,
                  pad(s),
                  pad(s),
                  1,
                  1,
                  0);
          INDArray columnsPerImage = b.columns6.reshape('c', m, columnsPerPixel(s), pixels(s));
          INDArray columns2 = b.columns2.reshape('c', columnsPerPixel(s), m, pixels(s));
          INDArray oChunk = rows(o, from, m).reshape('c', m, s.filters(), pixels(s));
          INDArray o2 = b.outputs.reshape('c', s.filters(), m, pixels(s));
          chunks.add(
              () -> {
                Nd4j.exec(im2col);
                columns2.assign(columnsPerImage.permute(1, 0, 2));
                o2.assign(oChunk.permute(1, 0, 2));
                Nd4j.gemm(b.outputs, b.columns2, dW2, false, true, 1.0, 1.0);
              });
        });
    return () -> chunks.forEach(Runnable::run);
  }

  /** The buffers of chunks of m images (shared by the chunks of that size). */
  private static final class Buffers {
    final INDArray columns6;
    final INDArray columns2;
    final INDArray outputs;

    Buffers(ConvShape s, int m, DataType type) {
      columns6 = Nd4j.create(type, m, s.channels(), s.kernel(), s.kernel(), s.height(), s.width());
      columns2 = Nd4j.create(type, columnsPerPixel(s), (long) m * pixels(s));
      outputs = Nd4j.create(type, s.filters(), (long) m * pixels(s));
    }
  }

  private interface ChunkBuilder {
    void build(int from, int images);
  }

  private static void forEachChunk(ConvShape s, int n, long budget, ChunkBuilder builder) {
    int m = chunkSize(s, n, budget);
    for (int from = 0; from < n; from += m) {
      builder.build(from, Math.min(m, n - from));
    }
  }

  private static int columnsPerPixel(ConvShape s) {
    return s.channels() * s.kernel() * s.kernel();
  }

  private static int pixels(ConvShape s) {
    return s.height() * s.width();
  }

  /**
   * Odd kernels only: their padding is (k - 1) / 2 on every side. For even kernels conv2d's SAME
   * mode pads one more after than before, which ND4J's im2col does not reproduce (its SAME mode
   * pads otherwise, and explicit padding cannot be asymmetric); those stay with ND4J's ops.
   */
  static boolean supports(ConvShape s) {
    return s.kernel() % 2 == 1;
  }

  /**
   * Whether these passes beat ND4J's: measured (JMH, one thread, idle 2-core machine) 1.43x faster
   * SM steps with 5 x 5 kernels (1 x 28 x 28, 70 filters) but 0.89x with 3 x 3 (3 x 32 x 32, 80
   * filters), where ND4J's ops have a fast path. So: odd kernels of 5 and more.
   */
  static boolean faster(ConvShape s) {
    return supports(s) && s.kernel() >= 5;
  }

  private static int pad(ConvShape s) {
    if (!supports(s)) {
      throw new IllegalArgumentException("im2col passes need an odd kernel, got " + s);
    }
    return (s.kernel() - 1) / 2;
  }

  private static INDArray rows(INDArray a, int from, int m) {
    return a.get(NDArrayIndex.interval(from, from + m), NDArrayIndex.all());
  }

  private static INDArray images(INDArray rows, int channels, ConvShape s) {
    return rows.reshape('c', rows.rows(), channels, s.height(), s.width());
  }

  private static DynamicCustomOp op(String name, INDArray in, INDArray out, int... arguments) {
    return DynamicCustomOp.builder(name)
        .addInputs(in)
        .addOutputs(out)
        .addIntegerArguments(arguments)
        .build();
  }
}
