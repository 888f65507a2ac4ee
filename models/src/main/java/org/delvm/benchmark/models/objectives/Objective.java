package org.delvm.benchmark.models.objectives;

import java.util.List;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A training objective: a loss over a batch whose gradient trains the model. */
public interface Objective {

  /** The registered name used in plans and reports, e.g. {@code sm}. */
  String name();

  /**
   * Builds the training step for one model and batch size (graphs and buffers are allocated here,
   * once).
   */
  TrainingStep prepare(Context context);

  /**
   * What an objective may need to prepare a step.
   *
   * @param trainingData all training rows (NCE fits its noise distribution to them)
   * @param seed seeds every random draw of the objective (noise, projections, samples)
   */
  record Context(EnergyModel model, int batchRows, INDArray trainingData, long seed) {}

  /** One optimisation step's computation, reusing its buffers. */
  interface TrainingStep {

    /** The batch buffer (batchRows x d): the trainer writes the batch here before {@link #run}. */
    INDArray batch();

    /**
     * Computes the batch-mean loss on {@link #batch()} and writes its gradient into the gradient
     * buffer of every parameter in {@link #parameters()}.
     */
    double run();

    /**
     * What this step trains: the model's parameters and any of the objective's own (NCE's log Z).
     */
    List<Parameter> parameters();
  }
}
