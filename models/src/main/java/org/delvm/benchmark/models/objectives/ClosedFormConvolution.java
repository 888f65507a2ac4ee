package org.delvm.benchmark.models.objectives;

import java.nio.ByteBuffer;
import org.delvm.benchmark.models.ConvLayer;
import org.delvm.benchmark.models.graph.ConvShape;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The closed-form step of {@link ClosedFormScoreMatching} for one convolution (stride 1, same zero
 * padding, odd kernels), as im2col + GEMMs over the whole batch in a channel-major layout: with K =
 * C k^2 taps, P = H W pixels and N = n P, the feature maps are F x N (all images side by side), so
 * that every pass is one GEMM and nothing is permuted. cols(z) is im2col of a batch into K x N
 * ({@link ChannelMajorColumns}).
 *
 * <ul>
 *   <li>a = [W | b] [cols(x); 1] (the bias as an extra row of ones), h = relu(a), M = step(a);
 *   <li>r = col2im(W^T h) = J^T f, G = (r - x) / n;
 *   <li>da = M * (W cols(G)); dW = da cols(x)^T + h cols(G)^T + trace term; db = da 1;
 *   <li>the trace sum_i sum_{f,p} M[f,i,p] S[f,p], S = conv(ones, W^2), is sum(W^2 * T) with T = M
 *       cols(ones)^T (F x K, cols of a batch of all-ones images); its gradient 2 W * T.
 * </ul>
 */
final class ClosedFormConvolution extends ClosedFormScoreMatching {

  /** Odd kernels: padded (k - 1) / 2 on every side, as the layer is. */
  static boolean supports(ConvShape s) {
    return s.kernel() % 2 == 1;
  }

  private final int n;
  private final int d;
  private final int filters;
  private final int taps;
  private final INDArray w2;
  private final INDArray b;
  private final INDArray dW2;
  private final INDArray db;
  private final INDArray x;

  /** [W | b], F x (K + 1). */
  private final INDArray wb;

  private final INDArray wbWeights;
  private final INDArray wbBias;

  /** [cols(x); 1], (K + 1) x N; cols(G), K x N; W^T h, K x N. */
  private final INDArray colsX;

  private final INDArray colsG;
  private final INDArray colsR;

  /** a then h (F x N), dh then da (F x N), M (F x N). */
  private final INDArray h;

  private final INDArray da;
  private final INDArray mask;

  /** cols(ones) of the whole batch (K x N), T (F x K), [da cols(x)^T | db] (F x (K + 1)). */
  private final INDArray onesCols;

  private final INDArray t;
  private final INDArray dWb;
  private final INDArray dWbWeights;
  private final INDArray dWbBias;

  /** r (n x d), G (n x d). */
  private final INDArray r;

  private final INDArray g;
  private final INDArray gFlat;
  private final INDArray tFlat;
  private final INDArray w2Flat;
  private final ChannelMajorColumns columns;
  private final ByteBuffer xBytes;
  private final ByteBuffer gBytes;
  private final ByteBuffer rBytes;
  private final ByteBuffer colsXBytes;
  private final ByteBuffer colsGBytes;
  private final ByteBuffer colsRBytes;

  ClosedFormConvolution(ConvLayer layer, int n, double traceFactor) {
    super(layer.parameters(), traceFactor);
    ConvShape s = layer.shape();
    if (!supports(s)) {
      throw new IllegalArgumentException("the closed-form step needs an odd kernel, got " + s);
    }
    this.n = n;
    this.d = s.inputSize();
    this.filters = s.filters();
    this.taps = s.channels() * s.kernel() * s.kernel();
    int pixels = s.height() * s.width();
    long width = (long) n * pixels;
    INDArray w = layer.parameters().get(0).value();
    DataType type = w.dataType();
    w2 = w.reshape('c', filters, taps);
    b = layer.parameters().get(1).value().reshape('c', filters, 1);
    dW2 = layer.parameters().get(0).gradient().reshape('c', filters, taps);
    db = layer.parameters().get(1).gradient().reshape('c', filters, 1);
    x = Nd4j.create(type, n, d);
    wb = Nd4j.create(type, filters, taps + 1);
    wbWeights = wb.get(NDArrayIndex.all(), NDArrayIndex.interval(0, taps));
    wbBias = wb.get(NDArrayIndex.all(), NDArrayIndex.interval(taps, taps + 1));
    colsX = Nd4j.create(type, taps + 1, width);
    rows(colsX, taps, taps + 1).assign(1);
    colsG = Nd4j.create(type, taps, width);
    colsR = Nd4j.create(type, taps, width);
    h = Nd4j.create(type, filters, width);
    da = Nd4j.create(type, filters, width);
    mask = Nd4j.create(type, filters, width);
    t = Nd4j.create(type, filters, taps);
    dWb = Nd4j.create(type, filters, taps + 1);
    dWbWeights = dWb.get(NDArrayIndex.all(), NDArrayIndex.interval(0, taps));
    dWbBias = dWb.get(NDArrayIndex.all(), NDArrayIndex.interval(taps, taps + 1));
    r = Nd4j.create(type, n, d);
    g = Nd4j.create(type, n, d);
    gFlat = g.reshape(g.length());
    tFlat = t.reshape(t.length());
    w2Flat = w2.reshape(w2.length());
    columns = new ChannelMajorColumns(s, n, type);
    xBytes = ChannelMajorColumns.bytes(x);
    gBytes = ChannelMajorColumns.bytes(g);
    rBytes = ChannelMajorColumns.bytes(r);
    colsXBytes = ChannelMajorColumns.bytes(colsX);
    colsGBytes = ChannelMajorColumns.bytes(colsG);
    colsRBytes = ChannelMajorColumns.bytes(colsR);
    // cols(ones): which taps fall inside the image at each pixel, for every image of the batch.
    onesCols = Nd4j.create(type, taps, width);
    columns.im2col(
        ChannelMajorColumns.bytes(Nd4j.ones(type, n, s.inputSize())),
        ChannelMajorColumns.bytes(onesCols));
  }

  @Override
  public INDArray batch() {
    return x;
  }

  @Override
  double compute(boolean gradients) {
    // a = [W | b] [cols(x); 1]; h = relu(a) in place; M = step(a)
    wbWeights.assign(w2);
    wbBias.assign(b);
    columns.im2col(xBytes, colsXBytes);
    Nd4j.gemm(wb, colsX, h, false, false, 1.0, 0.0);
    Nd4j.exec(new RectifiedLinear(h, h, 0.0));
    Nd4j.exec(new Step(h, mask));
    // r = col2im(W^T h); G = (r - x) / n
    Nd4j.gemm(w2, h, colsR, true, false, 1.0, 0.0);
    columns.col2im(colsRBytes, rBytes);
    Nd4j.exec(new SubOp(r, x, g));
    g.muli(1.0 / n);
    // T = M cols(ones)^T; the trace is sum(W^2 * T)
    Nd4j.gemm(mask, onesCols, t, false, true, 1.0, 0.0);
    Nd4j.exec(new MulOp(t, w2, t));
    double gg = Nd4j.getBlasWrapper().dot(gFlat, gFlat);
    double trace = Nd4j.getBlasWrapper().dot(tFlat, w2Flat);
    double loss = 0.5 * n * gg + traceFactor * d - traceFactor / n * trace;
    if (!gradients) {
      return loss;
    }
    // da = M * (W cols(G)); [dW | db] = da [cols(x); 1]^T; dW += h cols(G)^T - (2 s / n) W * T
    columns.im2col(gBytes, colsGBytes);
    Nd4j.gemm(w2, colsG, da, false, false, 1.0, 0.0);
    Nd4j.exec(new MulOp(da, mask, da));
    Nd4j.gemm(da, colsX, dWb, false, true, 1.0, 0.0);
    Nd4j.gemm(h, colsG, dW2, false, true, 1.0, 0.0);
    dW2.addi(dWbWeights);
    Nd4j.getBlasWrapper().level1().axpy(t.length(), -2.0 * traceFactor / n, t, dW2);
    db.assign(dWbBias);
    return loss;
  }
}
