package org.delvm.benchmark.models.graph;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A value in a {@link Graph}: a buffer allocated once when the graph is built and overwritten by
 * every forward pass, and, when the value depends on something trainable, a gradient buffer that
 * the backward pass accumulates into.
 */
public abstract class Node {

  final INDArray value;
  final INDArray grad;

  Node(INDArray value, boolean requiresGrad) {
    this(value, requiresGrad ? value.ulike() : null);
  }

  Node(INDArray value, INDArray grad) {
    this.value = value;
    this.grad = grad;
  }

  /** The buffer holding this node's value after {@link Graph#forward()}. */
  public INDArray value() {
    return value;
  }

  /** d(loss)/d(this) after {@link Graph#backward(Node)}; null when no gradient flows here. */
  public INDArray grad() {
    return grad;
  }

  public boolean requiresGrad() {
    return grad != null;
  }

  public long[] shape() {
    return value.shape();
  }

  /** Recomputes {@link #value} from the inputs' values. */
  abstract void forward();

  /** Adds this node's contribution to the gradients of the inputs that require one. */
  abstract void backward();

  @Override
  public String toString() {
    return getClass().getSimpleName() + Arrays.toString(shape());
  }
}
