package org.delvm.benchmark.models.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastAddOp;
import org.nd4j.linalg.api.ops.impl.broadcast.BroadcastMulOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The operations a {@link Graph} is made of. Each writes its value into its own preallocated buffer
 * and, in backward, accumulates into its inputs' gradients with in-place ops and GEMMs (beta = 1),
 * so a training step allocates nothing after the graph is built.
 *
 * <p>ND4J's cost per op call (tens of microseconds) dominates at batch 100, so each node issues as
 * few op calls as it can: results are written straight into the output buffer (one {@code MulOp}
 * instead of {@code assign} then {@code muli}), gradients are accumulated with BLAS ({@code axpy},
 * or a GEMM/GEMV with beta = 1 for sums over rows or blocks), and reshaped views are made once, in
 * the constructor.
 */
final class Ops {

  private Ops() {}

  static void exec(org.nd4j.linalg.api.ops.Op op) {
    Nd4j.getExecutioner().exec(op);
  }

  /** Pairwise arithmetic (MulOp, AddOp, SubOp) are custom ops in ND4J 1.0.0-M2. */
  static void exec(org.nd4j.linalg.api.ops.CustomOp op) {
    Nd4j.exec(op);
  }

  /** y += alpha * x, for arrays of the same length (BLAS axpy). */
  static void axpy(double alpha, INDArray x, INDArray y) {
    Nd4j.getBlasWrapper().level1().axpy(x.length(), alpha, x, y);
  }

  /** A column of ones (the GEMM operand that sums rows or repeats a row). */
  private static INDArray ones(org.nd4j.linalg.api.buffer.DataType type, long rows) {
    return Nd4j.ones(type, rows, 1);
  }

  static boolean anyGrad(Node... inputs) {
    for (Node n : inputs) {
      if (n.requiresGrad()) {
        return true;
      }
    }
    return false;
  }

  /** A value set from outside before each forward pass (data, noise, samples). */
  static final class Input extends Node {
    Input(INDArray value, boolean requiresGrad) {
      super(value, requiresGrad);
    }

    @Override
    void forward() {}

    @Override
    void backward() {}
  }

  /** A trainable tensor: the value and gradient are the parameter's own buffers. */
  static final class Param extends Node {
    Param(INDArray value, INDArray grad) {
      super(value, grad);
    }

    @Override
    void forward() {}

    @Override
    void backward() {}
  }

  /** op(a) . op(b), op = transpose or identity. */
  static final class MatMul extends Node {
    private final Node a;
    private final Node b;
    private final boolean ta;
    private final boolean tb;

    MatMul(Node a, Node b, boolean ta, boolean tb) {
      super(
          Nd4j.create(a.value.dataType(), a.shape()[ta ? 1 : 0], b.shape()[tb ? 0 : 1]),
          anyGrad(a, b));
      this.a = a;
      this.b = b;
      this.ta = ta;
      this.tb = tb;
    }

    @Override
    void forward() {
      Nd4j.gemm(a.value, b.value, value, ta, tb, 1.0, 0.0);
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        if (ta) {
          Nd4j.gemm(b.value, grad, a.grad, tb, true, 1.0, 1.0);
        } else {
          Nd4j.gemm(grad, b.value, a.grad, false, !tb, 1.0, 1.0);
        }
      }
      if (b.requiresGrad()) {
        if (tb) {
          Nd4j.gemm(grad, a.value, b.grad, true, ta, 1.0, 1.0);
        } else {
          Nd4j.gemm(a.value, grad, b.grad, !ta, false, 1.0, 1.0);
        }
      }
    }
  }

  /** a + bias, the 1 x m bias added to every row. */
  static final class AddRowVector extends Node {
    private final Node a;
    private final Node bias;
    private final INDArray biasRow;
    private final INDArray onesColumn;
    private final INDArray biasGradRow;

    AddRowVector(Node a, Node bias) {
      super(a.value.ulike(), anyGrad(a, bias));
      this.a = a;
      this.bias = bias;
      this.biasRow = bias.value.reshape(bias.value.length());
      this.onesColumn = bias.requiresGrad() ? ones(a.value.dataType(), a.shape()[0]) : null;
      this.biasGradRow = bias.requiresGrad() ? bias.grad.reshape(1, bias.value.length()) : null;
    }

    @Override
    void forward() {
      exec(new BroadcastAddOp(a.value, biasRow, value, 1));
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        axpy(1.0, grad, a.grad);
      }
      if (bias.requiresGrad()) {
        // Column sums accumulated by one GEMV: bias.grad += 1^T grad.
        Nd4j.gemm(onesColumn, grad, biasGradRow, true, false, 1.0, 1.0);
      }
    }
  }

  /** The order-th derivative of an activation, element-wise. */
  static final class Activate extends Node {
    private final Node a;
    private final Activation activation;
    private final int order;
    private final INDArray scratch;
    private final INDArray derivative;

    Activate(Node a, Activation activation, int order) {
      // Derivatives of a piecewise-linear activation are constants: no gradient flows through.
      super(a.value.ulike(), a.requiresGrad() && !(activation.piecewiseLinear() && order >= 1));
      if (order < 0 || order > Activation.MAX_ORDER) {
        throw new IllegalArgumentException("activation derivative order " + order);
      }
      this.a = a;
      this.activation = activation;
      this.order = order;
      this.scratch = a.value.ulike();
      this.derivative = requiresGrad() ? a.value.ulike() : null;
    }

    @Override
    void forward() {
      activation.apply(order, a.value, value, scratch);
    }

    @Override
    void backward() {
      if (order == Activation.MAX_ORDER) {
        throw new IllegalStateException(
            "no derivative of order " + (order + 1) + " for " + activation);
      }
      if (activation == Activation.RELU && order == 0) {
        // grad * step(a) in one op (relu_bp).
        exec(new RectifiedLinearDerivative(a.value, grad, derivative));
      } else {
        activation.apply(order + 1, a.value, derivative, scratch);
        exec(new MulOp(derivative, grad, derivative));
      }
      axpy(1.0, derivative, a.grad);
    }
  }

  /** a * b element-wise (same shapes). */
  static final class Mul extends Node {
    private final Node a;
    private final Node b;
    private final INDArray scratch;

    Mul(Node a, Node b) {
      super(a.value.ulike(), anyGrad(a, b));
      this.a = a;
      this.b = b;
      this.scratch = requiresGrad() ? a.value.ulike() : null;
    }

    @Override
    void forward() {
      exec(new MulOp(a.value, b.value, value));
    }

    @Override
    void backward() {
      if (a == b) {
        // d(a * a) = 2 a da: one product, one axpy.
        exec(new MulOp(grad, a.value, scratch));
        axpy(2.0, scratch, a.grad);
        return;
      }
      if (a.requiresGrad()) {
        exec(new MulOp(grad, b.value, scratch));
        axpy(1.0, scratch, a.grad);
      }
      if (b.requiresGrad()) {
        exec(new MulOp(grad, a.value, scratch));
        axpy(1.0, scratch, b.grad);
      }
    }
  }

  /** alpha * a + beta * b (same shapes). */
  static final class LinearCombination extends Node {
    private final Node a;
    private final Node b;
    private final double alpha;
    private final double beta;

    LinearCombination(Node a, double alpha, Node b, double beta) {
      super(a.value.ulike(), anyGrad(a, b));
      this.a = a;
      this.b = b;
      this.alpha = alpha;
      this.beta = beta;
    }

    @Override
    void forward() {
      if (alpha == 1.0 && beta == 1.0) {
        exec(new AddOp(a.value, b.value, value));
      } else if (alpha == 1.0 && beta == -1.0) {
        exec(new SubOp(a.value, b.value, value));
      } else {
        exec(new ScalarMultiplication(a.value, null, value, alpha));
        axpy(beta, b.value, value);
      }
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        axpy(alpha, grad, a.grad);
      }
      if (b.requiresGrad()) {
        axpy(beta, grad, b.grad);
      }
    }
  }

  /** a + c for a constant c. */
  static final class AddScalar extends Node {
    private final Node a;
    private final double c;

    AddScalar(Node a, double c) {
      super(a.value.ulike(), a.requiresGrad());
      this.a = a;
      this.c = c;
    }

    @Override
    void forward() {
      exec(new ScalarAdd(a.value, null, value, c));
    }

    @Override
    void backward() {
      axpy(1.0, grad, a.grad);
    }
  }

  /** alpha * a. */
  static final class Scale extends Node {
    private final Node a;
    private final double alpha;

    Scale(Node a, double alpha) {
      super(a.value.ulike(), a.requiresGrad());
      this.a = a;
      this.alpha = alpha;
    }

    @Override
    void forward() {
      exec(new ScalarMultiplication(a.value, null, value, alpha));
    }

    @Override
    void backward() {
      axpy(alpha, grad, a.grad);
    }
  }

  /** Row sums: n x m to n x 1. */
  static final class SumRows extends Node {
    private final Node a;
    private final INDArray flatValue;

    SumRows(Node a) {
      super(Nd4j.create(a.value.dataType(), a.shape()[0], 1), a.requiresGrad());
      this.a = a;
      this.flatValue = value.reshape(value.length());
    }

    @Override
    void forward() {
      a.value.sum(flatValue, 1);
    }

    @Override
    void backward() {
      a.grad.addiColumnVector(grad);
    }
  }

  /** Sum of all elements, 1 x 1. */
  static final class SumAll extends Node {
    private final Node a;

    SumAll(Node a) {
      super(Nd4j.create(a.value.dataType(), 1, 1), a.requiresGrad());
      this.a = a;
    }

    @Override
    void forward() {
      value.putScalar(0, a.value.sumNumber().doubleValue());
    }

    @Override
    void backward() {
      a.grad.addi(grad.getDouble(0));
    }
  }

  /**
   * a * b where a is k*n x m, block-major (k blocks of n rows), and b is n x m: every block is
   * multiplied by b. The layout of forward-mode passes (one block per direction), without
   * materialising k copies of b.
   */
  static final class MulBlocks extends Node {
    private final Node a;
    private final Node b;
    private final int blocks;
    private final INDArray scratch;
    // Views made once: every k*n x m buffer as k rows of n*m, b as one row of n*m.
    private final INDArray valueRows;
    private final INDArray aRows;
    private final INDArray gradRows;
    private final INDArray scratchRows;
    private final INDArray bFlat;
    private final INDArray bGradRow;
    private final INDArray onesColumn;

    MulBlocks(Node a, Node b, int blocks) {
      super(a.value.ulike(), anyGrad(a, b));
      if (a.shape()[0] != b.shape()[0] * blocks || a.shape()[1] != b.shape()[1]) {
        throw new IllegalArgumentException(a + " is not " + blocks + " blocks of " + b);
      }
      this.a = a;
      this.b = b;
      this.blocks = blocks;
      this.scratch = requiresGrad() ? a.value.ulike() : null;
      this.valueRows = rows(value, blocks);
      this.aRows = rows(a.value, blocks);
      this.gradRows = requiresGrad() ? rows(grad, blocks) : null;
      this.scratchRows = requiresGrad() ? rows(scratch, blocks) : null;
      this.bFlat = b.value.reshape(b.value.length());
      this.bGradRow = b.requiresGrad() ? b.grad.reshape(1, b.value.length()) : null;
      this.onesColumn = b.requiresGrad() ? ones(a.value.dataType(), blocks) : null;
    }

    private static INDArray rows(INDArray x, int blocks) {
      return x.reshape(blocks, x.length() / blocks);
    }

    @Override
    void forward() {
      exec(new BroadcastMulOp(aRows, bFlat, valueRows, 1));
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        exec(new BroadcastMulOp(gradRows, bFlat, scratchRows, 1));
        axpy(1.0, scratch, a.grad);
      }
      if (b.requiresGrad()) {
        // Block sums of grad * a accumulated by one GEMV: b.grad += 1^T (grad * a).
        exec(new MulOp(grad, a.value, scratch));
        Nd4j.gemm(onesColumn, scratchRows, bGradRow, true, false, 1.0, 1.0);
      }
    }
  }

  /** Sums k blocks of n rows, k*n x m to n x m: the adjoint of repeating a block. */
  static final class SumBlocks extends Node {
    private final Node a;
    private final int blocks;
    private final INDArray aRows;
    private final INDArray flatValue;
    private final INDArray aGradRows;
    private final INDArray gradRow;

    SumBlocks(Node a, int blocks) {
      super(Nd4j.create(a.value.dataType(), a.shape()[0] / blocks, a.shape()[1]), a.requiresGrad());
      if (a.shape()[0] % blocks != 0) {
        throw new IllegalArgumentException(a + " does not split into " + blocks + " blocks");
      }
      this.a = a;
      this.blocks = blocks;
      this.aRows = a.value.reshape(blocks, value.length());
      this.flatValue = value.reshape(value.length());
      this.aGradRows = requiresGrad() ? a.grad.reshape(blocks, value.length()) : null;
      this.gradRow = requiresGrad() ? grad.reshape(value.length()) : null;
    }

    @Override
    void forward() {
      aRows.sum(flatValue, 0);
    }

    @Override
    void backward() {
      exec(new BroadcastAddOp(aGradRows, gradRow, aGradRows, 1));
    }
  }
}
