package org.delvm.benchmark.models.objectives;

import org.delvm.benchmark.models.Parameter;

/** What the gradient checks need of a training step besides running it. */
interface CheckableStep {

  /**
   * The loss at the parameters' current values with the inputs of the last run (same data, noise
   * and samples).
   */
  double lossWithLastInputs();

  /**
   * Whether the step writes -d(loss)/dp into p's gradient (a parameter playing against the loss).
   */
  boolean ascends(Parameter p);
}
