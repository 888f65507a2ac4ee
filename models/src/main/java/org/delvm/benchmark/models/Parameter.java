package org.delvm.benchmark.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trainable tensor with the buffer its gradient is written into. The layer index selects the
 * learning rate, since the paper trains with one learning rate per layer.
 */
public record Parameter(String name, int layer, INDArray value, INDArray gradient) {

  /** A parameter whose gradient buffer has the value's shape and type, zeroed. */
  public static Parameter of(String name, int layer, INDArray value) {
    return new Parameter(name, layer, value, value.ulike().assign(0));
  }
}
