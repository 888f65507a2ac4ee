package org.delvm.benchmark.models.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The operations a {@link Graph} is made of. Each writes its value into its own preallocated buffer
 * and, in backward, accumulates into its inputs' gradients with in-place ops and GEMMs (beta = 1),
 * so a training step allocates nothing after the graph is built.
 */
final class Ops {

  private Ops() {}

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
    private final INDArray columnSums;

    AddRowVector(Node a, Node bias) {
      super(a.value.ulike(), anyGrad(a, bias));
      this.a = a;
      this.bias = bias;
      this.columnSums =
          bias.requiresGrad() ? bias.value.ulike().reshape(bias.value.length()) : null;
    }

    @Override
    void forward() {
      value.assign(a.value).addiRowVector(bias.value);
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        a.grad.addi(grad);
      }
      if (bias.requiresGrad()) {
        grad.sum(columnSums, 0);
        bias.grad.addi(columnSums.reshape(bias.value.shape()));
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
      activation.apply(order + 1, a.value, derivative, scratch);
      a.grad.addi(derivative.muli(grad));
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
      value.assign(a.value).muli(b.value);
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        a.grad.addi(scratch.assign(grad).muli(b.value));
      }
      if (b.requiresGrad()) {
        b.grad.addi(scratch.assign(grad).muli(a.value));
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
      value.assign(a.value).muli(alpha);
      Nd4j.getBlasWrapper().level1().axpy(value.length(), beta, b.value, value);
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        Nd4j.getBlasWrapper().level1().axpy(grad.length(), alpha, grad, a.grad);
      }
      if (b.requiresGrad()) {
        Nd4j.getBlasWrapper().level1().axpy(grad.length(), beta, grad, b.grad);
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
      value.assign(a.value).addi(c);
    }

    @Override
    void backward() {
      a.grad.addi(grad);
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
      value.assign(a.value).muli(alpha);
    }

    @Override
    void backward() {
      Nd4j.getBlasWrapper().level1().axpy(grad.length(), alpha, grad, a.grad);
    }
  }

  /** Row sums: n x m to n x 1. */
  static final class SumRows extends Node {
    private final Node a;

    SumRows(Node a) {
      super(Nd4j.create(a.value.dataType(), a.shape()[0], 1), a.requiresGrad());
      this.a = a;
    }

    @Override
    void forward() {
      a.value.sum(value.reshape(value.length()), 1);
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
    private final INDArray blockSums;

    MulBlocks(Node a, Node b, int blocks) {
      super(a.value.ulike(), anyGrad(a, b));
      if (a.shape()[0] != b.shape()[0] * blocks || a.shape()[1] != b.shape()[1]) {
        throw new IllegalArgumentException(a + " is not " + blocks + " blocks of " + b);
      }
      this.a = a;
      this.b = b;
      this.blocks = blocks;
      this.scratch = requiresGrad() ? a.value.ulike() : null;
      this.blockSums = b.requiresGrad() ? Nd4j.create(a.value.dataType(), b.value.length()) : null;
    }

    private static INDArray rows(INDArray x, int blocks) {
      return x.reshape(blocks, x.length() / blocks);
    }

    @Override
    void forward() {
      rows(value.assign(a.value), blocks).muliRowVector(b.value.reshape(1, b.value.length()));
    }

    @Override
    void backward() {
      if (a.requiresGrad()) {
        rows(scratch.assign(grad), blocks).muliRowVector(b.value.reshape(1, b.value.length()));
        a.grad.addi(scratch);
      }
      if (b.requiresGrad()) {
        rows(scratch.assign(grad).muli(a.value), blocks).sum(blockSums, 0);
        b.grad.addi(blockSums.reshape(b.shape()));
      }
    }
  }

  /** Sums k blocks of n rows, k*n x m to n x m: the adjoint of repeating a block. */
  static final class SumBlocks extends Node {
    private final Node a;
    private final int blocks;

    SumBlocks(Node a, int blocks) {
      super(Nd4j.create(a.value.dataType(), a.shape()[0] / blocks, a.shape()[1]), a.requiresGrad());
      if (a.shape()[0] % blocks != 0) {
        throw new IllegalArgumentException(a + " does not split into " + blocks + " blocks");
      }
      this.a = a;
      this.blocks = blocks;
    }

    @Override
    void forward() {
      a.value.reshape(blocks, value.length()).sum(value.reshape(value.length()), 0);
    }

    @Override
    void backward() {
      a.grad.reshape(blocks, value.length()).addiRowVector(grad.reshape(1, value.length()));
    }
  }
}
