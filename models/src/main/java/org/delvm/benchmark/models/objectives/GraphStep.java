package org.delvm.benchmark.models.objectives;

import java.util.List;
import org.delvm.benchmark.models.Parameter;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A training step that is one graph: fill the batch, forward, backward from the loss. */
class GraphStep implements Objective.TrainingStep, CheckableStep {

  final Graph graph;
  final Node batch;
  private final List<Parameter> parameters;
  private Node loss;
  private Runnable drawInputs = () -> {};
  private List<Parameter> ascended = List.of();

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

  /**
   * Parameters that play against the loss (FCE's flow): {@link #run()} writes the negated gradient
   * into them, so that the same descent step the trainer applies to every parameter raises the loss
   * along these.
   */
  void ascend(List<Parameter> adversaries) {
    this.ascended = List.copyOf(adversaries);
  }

  /** Whether {@link #run()} writes -d(loss)/dp into p's gradient (see {@link #ascend}). */
  @Override
  public boolean ascends(Parameter p) {
    // By identity: Parameter is a record whose equals compares the arrays' values.
    return ascended.stream().anyMatch(a -> a == p);
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
    for (Parameter p : ascended) {
      p.gradient().negi();
    }
    return loss.value().getDouble(0);
  }

  /**
   * The loss at the parameters' current values with the inputs of the last {@link #run()} (same
   * data, noise and samples); for gradient checks.
   */
  @Override
  public double lossWithLastInputs() {
    graph.forward();
    return loss.value().getDouble(0);
  }

  @Override
  public List<Parameter> parameters() {
    return parameters;
  }
}
