package org.delvm.benchmark.models.objectives;

import java.util.List;
import org.delvm.benchmark.models.ConvLayer;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.DenseLayer;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Exact score matching for a DELVM with one ReLU layer, as one hand-written step: the closed form
 * of SCORE-MATCHING-MATH.md and its weight gradients, with raw ND4J ops and GEMMs into buffers
 * allocated once. The same loss and gradients as the graph of {@link ScoreMatching} (checked
 * against it and against finite differences in the tests), in far fewer passes.
 *
 * <p>Dense layer, a = x W^T + b (W is m x d), h = relu(a), M = step(a), s the sign in front of the
 * trace (-1 for Hyvarinen's objective), n rows:
 *
 * <ul>
 *   <li>G = (h W - x) / n, the loss's gradient with respect to the reconstruction J^T f = h W;
 *   <li>loss = n/2 ||G||^2 + s d + sum_j c_j ||w_j||^2 / 2 with c = -(2 s / n) 1^T M;
 *   <li>da = M * (G W^T), db = 1^T da;
 *   <li>dW = [h; da]^T [G; x] + diag(c) W: one GEMM over the stacked 2n rows.
 * </ul>
 */
abstract class ClosedFormScoreMatching implements Objective.TrainingStep, CheckableStep {

  /** The step for the model if it is a float or double DELVM with one ReLU layer, else null. */
  static ClosedFormScoreMatching of(Objective.Context context, double traceFactor) {
    if (!(context.model() instanceof Delvm delvm)
        || !(delvm.network() instanceof LayeredNetwork net)
        || net.depth() != 1
        || net.activation(0) != Activation.RELU
        || (delvm.dataType() != DataType.FLOAT && delvm.dataType() != DataType.DOUBLE)) {
      return null;
    }
    if (net.layer(0) instanceof DenseLayer dense) {
      return new Dense(dense, context.batchRows(), traceFactor);
    }
    if (net.layer(0) instanceof ConvLayer conv && ClosedFormConvolution.supports(conv.shape())) {
      return new ClosedFormConvolution(conv, context.batchRows(), traceFactor);
    }
    return null;
  }

  final double traceFactor;
  final List<Parameter> parameters;

  ClosedFormScoreMatching(List<Parameter> parameters, double traceFactor) {
    this.parameters = parameters;
    this.traceFactor = traceFactor;
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }

  @Override
  public double run() {
    return compute(true);
  }

  @Override
  public double lossWithLastInputs() {
    return compute(false);
  }

  @Override
  public boolean ascends(Parameter p) {
    return false;
  }

  /** The loss; with {@code gradients}, also writes every parameter's gradient. */
  abstract double compute(boolean gradients);

  static INDArray rows(INDArray a, long from, long to) {
    return a.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
  }

  /** The dense layer. */
  static final class Dense extends ClosedFormScoreMatching {
    private final int n;
    private final int d;
    private final INDArray w;
    private final INDArray b;
    private final INDArray dW;
    private final INDArray db;

    /** [G; x], 2n x d: the batch is the lower half. */
    private final INDArray gx;

    private final INDArray g;
    private final INDArray x;

    /** [h; da], 2n x m. */
    private final INDArray hd;

    private final INDArray h;
    private final INDArray da;

    /** a (n x m), M = step(a) (n x m), c (1 x m), ones (1 x n). */
    private final INDArray a;

    private final INDArray mask;
    private final INDArray c;
    private final INDArray onesRow;
    private final INDArray onesColumn;
    private final INDArray gFlat;
    private final java.nio.ByteBuffer wBytes;
    private final java.nio.ByteBuffer dWBytes;
    private final java.nio.ByteBuffer cBytes;

    Dense(DenseLayer layer, int n, double traceFactor) {
      super(layer.parameters(), traceFactor);
      this.n = n;
      this.w = layer.weights().value();
      this.b = layer.bias().value();
      this.dW = layer.weights().gradient();
      this.db = layer.bias().gradient();
      int m = layer.outputSize();
      this.d = layer.inputSize();
      DataType t = w.dataType();
      gx = Nd4j.create(t, 2L * n, d);
      g = rows(gx, 0, n);
      x = rows(gx, n, 2L * n);
      hd = Nd4j.create(t, 2L * n, m);
      h = rows(hd, 0, n);
      da = rows(hd, n, 2L * n);
      a = Nd4j.create(t, n, m);
      mask = Nd4j.create(t, n, m);
      c = Nd4j.create(t, 1, m);
      onesRow = Nd4j.ones(t, 1, n);
      onesColumn = Nd4j.ones(t, n, 1);
      gFlat = g.reshape(g.length());
      wBytes = ChannelMajorColumns.bytes(w);
      dWBytes = ChannelMajorColumns.bytes(dW);
      cBytes = ChannelMajorColumns.bytes(c);
    }

    @Override
    public INDArray batch() {
      return x;
    }

    @Override
    double compute(boolean gradients) {
      // a = 1 b + x W^T; h = relu(a); M = step(a)
      Nd4j.gemm(onesColumn, b, a, false, false, 1.0, 0.0);
      Nd4j.gemm(x, w, a, false, true, 1.0, 1.0);
      Nd4j.exec(new RectifiedLinear(a, h, 0.0));
      Nd4j.exec(new Step(a, mask));
      // G = (h W - x) / n
      g.assign(x);
      Nd4j.gemm(h, w, g, false, false, 1.0 / n, -1.0 / n);
      // c = -(2 s / n) 1^T M; dW = diag(c) W (the trace's gradient); the trace term of the loss
      // is sum_j c_j ||w_j||^2 / 2
      Nd4j.gemm(onesRow, mask, c, false, false, -2.0 * traceFactor / n, 0.0);
      double trace = RowScaling.scaleRows(wBytes, cBytes, dWBytes, (int) w.rows(), d, w.dataType());
      double gg = Nd4j.getBlasWrapper().dot(gFlat, gFlat);
      double loss = 0.5 * n * gg + traceFactor * d + 0.5 * trace;
      if (!gradients) {
        return loss;
      }
      // da = M * (G W^T); dW += [h; da]^T [G; x]; db = 1^T da
      Nd4j.gemm(g, w, da, false, true, 1.0, 0.0);
      Nd4j.exec(new MulOp(da, mask, da));
      Nd4j.gemm(hd, gx, dW, true, false, 1.0, 1.0);
      Nd4j.gemm(onesRow, da, db, false, false, 1.0, 0.0);
      return loss;
    }
  }
}
