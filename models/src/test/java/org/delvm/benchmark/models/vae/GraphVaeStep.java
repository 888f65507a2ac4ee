package org.delvm.benchmark.models.vae;

import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference implementation of a VAE training step, the one the trainer used before {@link
 * VaeNetwork}: {@link Vae#build} as a {@link Graph} of ND4J ops. Tests check the plain-Java pass
 * against it. One step for a fixed batch size: a graph built once, whose inputs are the batch, the
 * reparameterisation noise (drawn before every step from a seeded ND4J generator) and, for the
 * Lagrangian, alpha (a differentiable input, so that the graph gives dL/dalpha).
 */
final class GraphVaeStep {

  final Graph graph;
  final Node batch;
  final Node noise;

  /** alpha, 1 x 1; null for the ELBO. */
  final Node alpha;

  final Vae.Terms terms;
  final Node loss;
  private final Random random;

  GraphVaeStep(Vae vae, VaeObjective objective, double delta, int rows, long seed) {
    this.graph = new Graph(vae.dataType());
    this.batch = graph.input(rows, vae.inputSize());
    this.noise = graph.input(rows, vae.latentSize());
    this.terms = vae.build(graph, batch, noise);
    Node re = terms.reconstructionError();
    Node kl = terms.klDivergence();
    if (objective == VaeObjective.ELBO) {
      this.alpha = null;
      this.loss = graph.add(re, kl);
    } else {
      this.alpha = graph.differentiableInput(1, 1);
      // (1 + alpha) RE + alpha (KL - delta)
      this.loss =
          graph.add(
              graph.mul(graph.addScalar(alpha, 1.0), re),
              graph.mul(alpha, graph.addScalar(kl, -delta)));
    }
    this.random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
  }

  INDArray batch() {
    return batch.value();
  }

  void setAlpha(double value) {
    if (alpha != null) {
      alpha.value().putScalar(0, value);
    }
  }

  /** Draws the noise, computes the loss and writes every gradient; returns the loss. */
  double run() {
    Nd4j.getExecutioner().exec(new GaussianDistribution(noise.value(), 0, 1), random);
    graph.forward();
    graph.backward(loss);
    return loss.value().getDouble(0);
  }

  /** The loss at the current parameters with the last batch and noise (gradient checks). */
  double lossWithLastInputs() {
    graph.forward();
    return loss.value().getDouble(0);
  }

  /** dL/dalpha = RE + KL - delta after {@link #run()}; 0 for the ELBO. */
  double alphaGradient() {
    return alpha == null ? 0.0 : alpha.grad().getDouble(0);
  }

  double reconstructionError() {
    return terms.reconstructionError().value().getDouble(0);
  }

  double klDivergence() {
    return terms.klDivergence().value().getDouble(0);
  }
}
