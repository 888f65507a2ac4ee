package org.delvm.benchmark.models.graph;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Reciprocal;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Log;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Element-wise and column operations of a {@link Graph} used by the VAE and CEBM: exp, log,
 * reciprocal, square, a per-column (row-vector) product, column slices and column concatenation. As
 * in {@link Ops}, every buffer (value, gradient, scratch, views) is allocated in the constructor,
 * so forward and backward allocate nothing.
 */
final class ElementwiseOps {

  private ElementwiseOps() {}

  private static void exec(org.nd4j.linalg.api.ops.Op op) {
    Nd4j.getExecutioner().exec(op);
  }

  private static void exec(org.nd4j.linalg.api.ops.CustomOp op) {
    Nd4j.exec(op);
  }

  /** y += alpha * x, for arrays of the same length (BLAS axpy). */
  private static void axpy(double alpha, INDArray x, INDArray y) {
    Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
  }

  /** exp(a); d/da = exp(a), the node's own value. */
  static final class ExpNode extends Node {
    private final Node a;
    private final INDArray scratch;

    ExpNode(Node a) {
      super(a.value.ulike(), a.requiresGrad());
      this.a = a;
      this.scratch = requiresGrad() ? a.value.ulike() : null;
    }

    @Override
    void forward() {
      exec(new Exp(a.value, value));
    }

    @Override
    void backward() {
      exec(new MulOp(grad, value, scratch));
      axpy(1.0, scratch, a.grad);
    }
  }

  /** log(a) for positive a; d/da = 1 / a. */
  static final class LogNode extends Node {
    private final Node a;
    private final INDArray scratch;

    LogNode(Node a) {
      super(a.value.ulike(), a.requiresGrad());
      this.a = a;
      this.scratch = requiresGrad() ? a.value.ulike() : null;
    }

    @Override
    void forward() {
      exec(new Log(a.value, value));
    }

    @Override
    void backward() {
      exec(new DivOp(grad, a.value, scratch));
      axpy(1.0, scratch, a.grad);
    }
  }

  /** 1 / a; d/da = -1 / a^2 = -value^2. */
  static final class ReciprocalNode extends Node {
    private final Node a;
    private final INDArray scratch;

    ReciprocalNode(Node a) {
      super(a.value.ulike(), a.requiresGrad());
      this.a = a;
      this.scratch = requiresGrad() ? a.value.ulike() : null;
    }

    @Override
    void forward() {
      exec(new Reciprocal(a.value, value));
    }

    @Override
    void backward() {
      exec(new MulOp(grad, value, scratch));
      exec(new MulOp(scratch, value, scratch));
      axpy(-1.0, scratch, a.grad);
    }
  }

  /** a^2; d/da = 2 a. */
  static final class SquareNode extends Node {
    private final Node a;
    private final INDArray scratch;

    SquareNode(Node a) {
      super(a.value.ulike(), a.requiresGrad());
      this.a = a;
      this.scratch = requiresGrad() ? a.value.ulike() : null;
    }

    @Override
    void forward() {
      exec(new Square(a.value, value));
    }

    @Override
    void backward() {
      exec(new MulOp(grad, a.value, scratch));
      axpy(2.0, scratch, a.grad);
    }
  }

  /**
   * a * row: the n x m node a with column j multiplied by row_j (row is 1 x m), e.g. a learned
   * per-unit scale. d/da = row (broadcast); d/drow_j = sum_s grad_sj a_sj.
   */
  static final class MulRowVector extends Node {
    private final Node a;
    private final Node row;
    private final INDArray rowFlat;
    private final INDArray scratch;
    private final INDArray onesColumn;
    private final INDArray rowGrad;

    MulRowVector(Node a, Node row) {
      super(a.value.ulike(), Ops.anyGrad(a, row));
      if (row.value.length() != a.shape()[1]) {
        throw new IllegalArgumentException(row + " is not a row vector for the columns of " + a);
      }
      this.a = a;
      this.row = row;
      this.rowFlat = row.value.reshape(row.value.length());
      this.scratch = requiresGrad() ? a.value.ulike() : null;
      this.onesColumn = row.requiresGrad() ? Nd4j.ones(a.value.dataType(), a.shape()[0], 1) : null;
      this.rowGrad = row.requiresGrad() ? row.grad.reshape(1, row.value.length()) : null;
    }

    @Override
    void forward() {
      exec(new BroadcastMulOp(a.value, rowFlat, value, 1));
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        exec(new BroadcastMulOp(grad, rowFlat, scratch, 1));
        axpy(1.0, scratch, a.grad);
      }
      if (row.requiresGrad()) {
        // Column sums of grad * a accumulated by one GEMV: row.grad += 1^T (grad * a).
        exec(new MulOp(grad, a.value, scratch));
        Nd4j.gemm(onesColumn, scratch, rowGrad, true, false, 1.0, 1.0);
      }
    }
  }

  /** Columns [from, to) of an n x m node, n x (to - from). */
  static final class Columns extends Node {
    private final Node a;
    private final INDArray view;
    private final INDArray gradView;

    Columns(Node a, int from, int to) {
      super(create(a.value.dataType(), a.shape()[0], checked(a, from, to)), a.requiresGrad());
      this.a = a;
      this.view = a.value.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to));
      this.gradView =
          a.requiresGrad() ? a.grad.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to)) : null;
    }

    private static long checked(Node a, int from, int to) {
      if (from < 0 || to > a.shape()[1] || from >= to) {
        throw new IllegalArgumentException("columns [" + from + ", " + to + ") of " + a);
      }
      return to - from;
    }

    @Override
    void forward() {
      value.assign(view);
    }

    @Override
    void backward() {
      gradView.addi(grad);
    }
  }

  /** [a, b]: the columns of a then those of b (same number of rows). */
  static final class ConcatColumns extends Node {
    private final Node a;
    private final Node b;
    private final INDArray left;
    private final INDArray right;
    private final INDArray gradLeft;
    private final INDArray gradRight;

    ConcatColumns(Node a, Node b) {
      super(
          create(a.value.dataType(), checkedRows(a, b), a.shape()[1] + b.shape()[1]),
          Ops.anyGrad(a, b));
      this.a = a;
      this.b = b;
      long ka = a.shape()[1];
      long kb = b.shape()[1];
      this.left = value.get(NDArrayIndex.all(), NDArrayIndex.interval(0, ka));
      this.right = value.get(NDArrayIndex.all(), NDArrayIndex.interval(ka, ka + kb));
      this.gradLeft =
          requiresGrad() ? grad.get(NDArrayIndex.all(), NDArrayIndex.interval(0, ka)) : null;
      this.gradRight =
          requiresGrad() ? grad.get(NDArrayIndex.all(), NDArrayIndex.interval(ka, ka + kb)) : null;
    }

    private static long checkedRows(Node a, Node b) {
      if (a.shape()[0] != b.shape()[0]) {
        throw new IllegalArgumentException("cannot concatenate the columns of " + a + " and " + b);
      }
      return a.shape()[0];
    }

    @Override
    void forward() {
      left.assign(a.value);
      right.assign(b.value);
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        a.grad.addi(gradLeft);
      }
      if (b.requiresGrad()) {
        b.grad.addi(gradRight);
      }
    }
  }

  private static INDArray create(DataType type, long rows, long columns) {
    return Nd4j.create(type, rows, columns);
  }
}
