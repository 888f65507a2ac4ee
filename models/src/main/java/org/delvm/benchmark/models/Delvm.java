package org.delvm.benchmark.models;

import java.util.List;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Deep energy-based latent variable model: joint energy E(x, h) = 1/2 (x'x - 2 h'f(x) + h'h), so
 * p(h|x) = N(f(x), I) and the marginal energy is E(x) = 1/2 (||x||^2 - ||f(x)||^2).
 *
 * <p>Its x-derivatives, with J = df/dx: grad E = x - J^T f; tr(Hessian E) = d - ||J||_F^2 - sum_j
 * f_j Laplacian(f_j); v^T Hessian(E) v = ||v||^2 - ||J v||^2 - sum_j f_j v^T Hessian(f_j) v.
 */
public final class Delvm implements EnergyModel {

  private final FeatureNetwork network;
  private final Inference inference = new Inference(this);

  public Delvm(FeatureNetwork network) {
    this.network = network;
  }

  public FeatureNetwork network() {
    return network;
  }

  @Override
  public int inputSize() {
    return network.inputSize();
  }

  @Override
  public DataType dataType() {
    return network.parameters().get(0).value().dataType();
  }

  @Override
  public List<Parameter> parameters() {
    return network.parameters();
  }

  @Override
  public String describe() {
    return "DELVM (" + network.describe() + ")";
  }

  @Override
  public EnergyGraph build(Graph g, Node x) {
    FeatureNetwork.Features f = network.build(g, x);
    return new EnergyGraph() {
      private Node reconstruction;

      @Override
      public Node energy() {
        return g.scale(g.sub(g.sumSquaresRows(x), g.sumSquaresRows(f.output())), 0.5);
      }

      @Override
      public Node energyGradient() {
        return g.sub(x, reconstruction());
      }

      @Override
      public Node energyLaplacian() {
        // tr(Hessian E) = d - ||J||_F^2 - sum_j f_j Laplacian(f_j)
        Node trace = f.squaredJacobianNorm();
        Node laplacians = f.weightedLaplacian(f.output());
        if (laplacians != null) {
          trace = g.add(trace, laplacians);
        }
        return g.scale(g.addScalar(trace, -inputSize()), -1.0);
      }

      @Override
      public Node hessianQuadraticForm(Node v, int k) {
        FeatureNetwork.Jet jet = f.jet(v, k);
        Node form = g.sub(g.sumSquaresRows(v), g.sumSquaresRows(jet.tangent()));
        if (jet.curvature() != null) {
          Node outputs = g.mulBlocks(jet.curvature(), f.output(), k);
          form = g.sub(form, g.sumRows(outputs));
        }
        return form;
      }

      @Override
      public Node reconstruction() {
        if (reconstruction == null) {
          reconstruction = f.transposeJacobianTimes(f.output());
        }
        return reconstruction;
      }

      @Override
      public List<Node> features() {
        return f.layers();
      }
    };
  }

  /** E(x) per sample, as a vector of length n. */
  public INDArray energy(INDArray x) {
    return inference.run(x, Inference.Quantity.ENERGY);
  }

  /** J(x)^T f(x), n x d. */
  public INDArray reconstruction(INDArray x) {
    return inference.run(x, Inference.Quantity.RECONSTRUCTION);
  }

  /** The anomaly score of the paper: ||x - J(x)^T f(x)||^2 = ||grad E||^2 per sample. */
  public INDArray reconstructionError(INDArray x) {
    return inference.run(x, Inference.Quantity.RECONSTRUCTION_ERROR);
  }

  /** tr(Hessian_x E) per sample. */
  public INDArray energyLaplacian(INDArray x) {
    return inference.run(x, Inference.Quantity.LAPLACIAN);
  }
}
