package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.Delvm;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A training objective: a loss over a batch and its gradient with respect to the parameters. */
public interface Objective {

  /** The registered name used in plans and reports, e.g. {@code sm}. */
  String name();

  /**
   * The batch-mean loss. Writes d(loss)/d(theta) into the gradient buffer of every parameter of the
   * model (overwriting it). Implementations reuse their work buffers between calls.
   */
  double lossAndGradients(Delvm model, INDArray batch);
}
