package org.delvm.benchmark.models.graph;

import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.models.Parameter;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A static computation graph with first-order reverse-mode differentiation, built once per model
 * and batch size and then run every training step without allocating.
 *
 * <p>Why not SameDiff: score matching needs Jacobian and Hessian terms, which are written here as
 * explicit forward operations (J^T u as a transposed pass, J v as a forward-mode pass, masks and
 * activation derivatives as nodes). Their parameter gradients are then ordinary first-order
 * gradients of that explicit graph, which this class computes; and raw ND4J ops writing into
 * preallocated buffers are several times faster here than SameDiff's executor.
 *
 * <p>Nodes are kept in creation order, which is a topological order since a node's inputs exist
 * before it.
 */
public final class Graph {

  private final DataType dataType;
  private final boolean trainable;
  private final List<Node> nodes = new ArrayList<>();

  /** A graph whose parameters receive gradients. */
  public Graph(DataType dataType) {
    this(dataType, true);
  }

  /**
   * @param trainable false for graphs that only evaluate (samplers, inference): parameters are then
   *     constants and no gradient buffer is allocated anywhere
   */
  public Graph(DataType dataType, boolean trainable) {
    this.dataType = dataType;
    this.trainable = trainable;
  }

  public DataType dataType() {
    return dataType;
  }

  private <N extends Node> N add(N node) {
    nodes.add(node);
    return node;
  }

  /** A value the caller writes into {@link Node#value()} before {@link #forward()}. */
  public Node input(long... shape) {
    return add(new Ops.Input(Nd4j.create(dataType, shape), false));
  }

  /** An input whose gradient is wanted (e.g. the score, -grad_x E). */
  public Node differentiableInput(long... shape) {
    return add(new Ops.Input(Nd4j.create(dataType, shape), true));
  }

  /** A fixed value (e.g. identity directions); the array is used as it is. */
  public Node constant(INDArray value) {
    return add(new Ops.Input(value.castTo(dataType), false));
  }

  /** A trainable parameter: the gradient accumulates into the parameter's own gradient buffer. */
  public Node parameter(Parameter p) {
    if (p.value().dataType() != dataType) {
      throw new IllegalArgumentException(
          "parameter " + p.name() + " has type " + p.value().dataType() + ", graph " + dataType);
    }
    return add(new Ops.Param(p.value(), trainable ? p.gradient() : null));
  }

  /** op(a) . op(b) where op transposes when the flag is set. */
  public Node matmul(Node a, Node b, boolean transposeA, boolean transposeB) {
    return add(new Ops.MatMul(a, b, transposeA, transposeB));
  }

  public Node addRowVector(Node a, Node bias) {
    return add(new Ops.AddRowVector(a, bias));
  }

  /** The {@code order}-th derivative of {@code activation} at {@code a}, element-wise. */
  public Node activation(Node a, Activation activation, int order) {
    return add(new Ops.Activate(a, activation, order));
  }

  public Node mul(Node a, Node b) {
    return add(new Ops.Mul(a, b));
  }

  public Node add(Node a, Node b) {
    return add(new Ops.LinearCombination(a, 1.0, b, 1.0));
  }

  public Node sub(Node a, Node b) {
    return add(new Ops.LinearCombination(a, 1.0, b, -1.0));
  }

  public Node addScalar(Node a, double c) {
    return add(new Ops.AddScalar(a, c));
  }

  public Node scale(Node a, double alpha) {
    return add(new Ops.Scale(a, alpha));
  }

  /** n x m to n x 1. */
  public Node sumRows(Node a) {
    return add(new Ops.SumRows(a));
  }

  /** Sum of all elements as a 1 x 1 node. */
  public Node sum(Node a) {
    return add(new Ops.SumAll(a));
  }

  /** Per-row sum of squares, n x 1. */
  public Node sumSquaresRows(Node a) {
    return sumRows(mul(a, a));
  }

  /**
   * Multiplies each of the k blocks of n rows of {@code a} (k*n x m, block-major: row i*n + s is
   * direction i of sample s) element-wise by {@code b} (n x m).
   */
  public Node mulBlocks(Node a, Node b, int blocks) {
    return add(new Ops.MulBlocks(a, b, blocks));
  }

  /** Sums k blocks of n rows: k*n x m to n x m; the adjoint of repeating a block k times. */
  public Node sumBlocks(Node a, int blocks) {
    return add(new Ops.SumBlocks(a, blocks));
  }

  /** conv(x, W) + b with stride 1 and same padding; {@code bias} (1 x filters) may be null. */
  public Node conv2d(Node x, Node weights, Node bias, ConvShape shape) {
    return add(new ConvOps.Conv2d(x, weights, bias, shape));
  }

  /** The adjoint of {@link #conv2d} without bias: W^T u, filters to channels. */
  public Node convTranspose(Node u, Node weights, ConvShape shape) {
    return add(new ConvOps.ConvTranspose(u, weights, shape));
  }

  // --- Element-wise and column operations (ElementwiseOps): VAE and CEBM. ---

  /** exp(a), element-wise. */
  public Node exp(Node a) {
    return add(new ElementwiseOps.ExpNode(a));
  }

  /** log(a), element-wise, for positive a. */
  public Node log(Node a) {
    return add(new ElementwiseOps.LogNode(a));
  }

  /** 1 / a, element-wise. */
  public Node reciprocal(Node a) {
    return add(new ElementwiseOps.ReciprocalNode(a));
  }

  /** a / b, element-wise (same shapes), as a * (1 / b). */
  public Node divide(Node a, Node b) {
    return mul(a, reciprocal(b));
  }

  /** a^2, element-wise. */
  public Node square(Node a) {
    return add(new ElementwiseOps.SquareNode(a));
  }

  /** a (n x m) with column j multiplied by row_j; row is 1 x m (e.g. a learned per-unit scale). */
  public Node mulRowVector(Node a, Node row) {
    // A row vector is one block of one row, repeated over the n rows of a.
    return mulBlocks(a, row, (int) a.shape()[0]);
  }

  /** Columns [from, to) of a, n x (to - from). */
  public Node columns(Node a, int from, int to) {
    return add(new ElementwiseOps.Columns(a, from, to));
  }

  /** The columns of a followed by those of b (same number of rows). */
  public Node concatColumns(Node a, Node b) {
    return add(new ElementwiseOps.ConcatColumns(a, b));
  }

  /** Recomputes every node from the inputs' current values. */
  public void forward() {
    for (Node n : nodes) {
      n.forward();
    }
  }

  /**
   * Sets every gradient to d(loss)/d(node), loss being a 1 x 1 node: gradients are zeroed (the
   * parameters' buffers included), seeded with 1 at the loss and accumulated in reverse order.
   */
  public void backward(Node loss) {
    if (loss.value.length() != 1 || !loss.requiresGrad()) {
      throw new IllegalArgumentException(
          "backward needs a scalar loss that depends on a parameter");
    }
    for (Node n : nodes) {
      if (n.grad != null) {
        n.grad.assign(0);
      }
    }
    loss.grad.assign(1);
    for (int i = nodes.indexOf(loss); i >= 0; i--) {
      Node n = nodes.get(i);
      if (n.grad != null) {
        n.backward();
      }
    }
  }
}
