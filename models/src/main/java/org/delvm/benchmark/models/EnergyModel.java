package org.delvm.benchmark.models;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An energy-based model over vectors x (one sample per row). What every model of the benchmark
 * exposes to training objectives and to evaluation.
 */
public interface EnergyModel {

  /** Number of input dimensions d. */
  int inputSize();

  /** Floating-point type of the parameters; inputs must have the same type. */
  DataType dataType();

  /** Trainable parameters, in a fixed order. */
  List<Parameter> parameters();

  /** Energy E(x) per sample, a vector of length n for an n x d batch. */
  INDArray energy(INDArray x);

  /**
   * Anomaly score per sample: the squared reconstruction error ||x - x_hat||^2, where x_hat is the
   * model's reconstruction of x (for DELVM, J(x)^T f(x)).
   */
  INDArray reconstructionError(INDArray x);
}
