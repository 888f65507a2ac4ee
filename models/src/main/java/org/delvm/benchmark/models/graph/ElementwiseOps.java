package org.delvm.benchmark.models.graph;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 * reciprocal, square, column slices and column concatenation. As in {@link Ops}, every buffer
 * (value, gradient, scratch, views) is allocated in the constructor, so forward and backward
 * allocate nothing.
 */
final class ElementwiseOps {

  private ElementwiseOps() {}

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
      Ops.exec(new Exp(a.value, value));
    }

    @Override
    void backward() {
      Ops.exec(new MulOp(grad, value, scratch));
      Ops.axpy(1.0, scratch, a.grad);
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
      Ops.exec(new Log(a.value, value));
    }

    @Override
    void backward() {
      Ops.exec(new DivOp(grad, a.value, scratch));
      Ops.axpy(1.0, scratch, a.grad);
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
      Ops.exec(new Reciprocal(a.value, value));
    }

    @Override
    void backward() {
      Ops.exec(new MulOp(grad, value, scratch));
      Ops.exec(new MulOp(scratch, value, scratch));
      Ops.axpy(-1.0, scratch, a.grad);
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
      Ops.exec(new Square(a.value, value));
    }

    @Override
    void backward() {
      Ops.exec(new MulOp(grad, a.value, scratch));
      Ops.axpy(2.0, scratch, a.grad);
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
