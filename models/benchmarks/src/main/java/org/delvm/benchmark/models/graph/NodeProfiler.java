package org.delvm.benchmark.models.graph;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.delvm.benchmark.models.objectives.Objective;

/**
 * A diagnostic (not a benchmark): times every node's forward and backward of a training step's
 * graph separately, to find the slow operations. It lives in the graph's package to call the
 * package-private {@link Node#forward()} / {@link Node#backward()}, and reaches the step's graph by
 * reflection, so the models module carries no profiling code.
 */
public final class NodeProfiler {

  private final List<Node> nodes;
  private final Node loss;
  private final long[] forwardNanos;
  private final long[] backwardNanos;
  private long zeroNanos;
  private int steps;

  @SuppressWarnings("unchecked")
  public NodeProfiler(Objective.TrainingStep step) throws ReflectiveOperationException {
    Graph graph = (Graph) field(step, "graph");
    this.nodes = (List<Node>) field(graph, "nodes");
    this.loss = (Node) field(step, "loss");
    this.forwardNanos = new long[nodes.size()];
    this.backwardNanos = new long[nodes.size()];
  }

  private static Object field(Object o, String name) throws ReflectiveOperationException {
    for (Class<?> c = o.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(name);
  }

  /** One forward and backward pass of the graph (not the step's input drawing), timed per node. */
  public void step() {
    for (int i = 0; i < nodes.size(); i++) {
      long t = System.nanoTime();
      nodes.get(i).forward();
      forwardNanos[i] += System.nanoTime() - t;
    }
    long t0 = System.nanoTime();
    for (Node n : nodes) {
      if (n.grad != null) {
        n.grad.assign(0);
      }
    }
    loss.grad.assign(1);
    zeroNanos += System.nanoTime() - t0;
    for (int i = nodes.indexOf(loss); i >= 0; i--) {
      Node n = nodes.get(i);
      if (n.grad != null) {
        long t = System.nanoTime();
        n.backward();
        backwardNanos[i] += System.nanoTime() - t;
      }
    }
    steps++;
  }

  public void reset() {
    java.util.Arrays.fill(forwardNanos, 0);
    java.util.Arrays.fill(backwardNanos, 0);
    zeroNanos = 0;
    steps = 0;
  }

  /** A table: per node, microseconds per step of forward and backward, and the totals. */
  public String report() {
    StringBuilder sb = new StringBuilder();
    double f = 0;
    double b = 0;
    int withGrad = 0;
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      Node n = nodes.get(i);
      double fu = forwardNanos[i] / 1e3 / steps;
      double bu = backwardNanos[i] / 1e3 / steps;
      f += fu;
      b += bu;
      withGrad += n.grad != null ? 1 : 0;
      lines.add(String.format(Locale.ROOT, "%3d %-34s fwd %9.1f us  bwd %9.1f us", i, n, fu, bu));
    }
    lines.forEach(l -> sb.append(l).append('\n'));
    sb.append(
        String.format(
            Locale.ROOT,
            "nodes %d (with gradient %d): forward %.1f us, zeroing gradients %.1f us,"
                + " backward %.1f us, total %.1f us per step%n",
            nodes.size(),
            withGrad,
            f,
            zeroNanos / 1e3 / steps,
            b,
            f + b + zeroNanos / 1e3 / steps));
    return sb.toString();
  }
}
