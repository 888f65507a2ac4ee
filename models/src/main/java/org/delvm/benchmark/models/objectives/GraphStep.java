package org.delvm.benchmark.models.objectives;

import java.util.List;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A training step that is one graph: fill the batch, forward, backward from the loss. */
class GraphStep implements Objective.TrainingStep {

  final Graph graph;
  final Node batch;
  private final List<Parameter> parameters;
  private Node loss;
  private Runnable drawInputs = () -> {};

  GraphStep(Objective.Context context) {
    this(context, context.model().parameters());
  }

  GraphStep(Objective.Context context, List<Parameter> parameters) {
    this.graph = new Graph(context.model().dataType());
    this.batch = graph.input(context.batchRows(), context.model().inputSize());
    this.parameters = parameters;
  }

  /** Batch mean of a per-sample n x 1 node, as the loss. */
  Node meanOf(Node perSample) {
    return graph.scale(graph.sum(perSample), 1.0 / perSample.shape()[0]);
  }

  /** Sets the scalar node whose gradient the step computes. */
  void setLoss(Node loss) {
    this.loss = loss;
  }

  /** Work done before every forward pass: drawing noise, directions or samples into inputs. */
  void beforeEachStep(Runnable drawInputs) {
    this.drawInputs = drawInputs;
  }

  @Override
  public INDArray batch() {
    return batch.value();
  }

  @Override
  public double run() {
    drawInputs.run();
    graph.forward();
    graph.backward(loss);
    return loss.value().getDouble(0);
  }

  /**
   * The loss at the parameters' current values with the inputs of the last {@link #run()} (same
   * data, noise and samples); for gradient checks.
   */
  double lossWithLastInputs() {
    graph.forward();
    return loss.value().getDouble(0);
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }
}
