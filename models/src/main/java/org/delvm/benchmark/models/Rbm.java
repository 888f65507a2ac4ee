package org.delvm.benchmark.models;

import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.random.impl.BernoulliDistribution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A binary restricted Boltzmann machine (the RBM slides): energy -(v'Wh + a'v + b'h), so p(h_j = 1
 * | v) = sigm(b_j + w_j . v), p(v_i = 1 | h) = sigm(a_i + sum_j h_j w_ji), and the free energy F(v)
 * = -a'v - sum_j softplus(b_j + w_j . v) is this model's energy. Trained by CD-k with block Gibbs
 * sampling ({@link #gibbsSampler}); its features are p(h|v).
 */
public final class Rbm implements EnergyModel, GibbsSampling {

  private final DenseLayer hidden;
  private final Parameter visibleBias;
  private final Inference inference = new Inference(this);

  public Rbm(INDArray weights, INDArray hiddenBias, INDArray visibleBias) {
    this.hidden = new DenseLayer(0, weights, hiddenBias);
    this.visibleBias = Parameter.of("a", 0, visibleBias.reshape(1, weights.columns()));
  }

  /** Small Gaussian weights (std 0.01, the usual RBM start), zero biases, seeded. */
  public static Rbm initialise(int visible, int hiddenUnits, long seed, DataType type) {
    Random random = new Random(seed);
    double[] w = new double[visible * hiddenUnits];
    for (int i = 0; i < w.length; i++) {
      w[i] = 0.01 * random.nextGaussian();
    }
    return new Rbm(
        Nd4j.createFromArray(w).castTo(type).reshape(hiddenUnits, visible),
        Nd4j.zeros(type, 1, hiddenUnits),
        Nd4j.zeros(type, 1, visible));
  }

  public INDArray weights() {
    return hidden.weights().value();
  }

  public INDArray hiddenBias() {
    return hidden.bias().value();
  }

  public INDArray visibleBias() {
    return visibleBias.value();
  }

  @Override
  public int inputSize() {
    return hidden.inputSize();
  }

  @Override
  public DataType dataType() {
    return visibleBias.value().dataType();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(hidden.weights(), hidden.bias(), visibleBias);
  }

  @Override
  public String describe() {
    return "binary RBM " + inputSize() + "-" + hidden.outputSize();
  }

  @Override
  public EnergyGraph build(Graph g, Node v) {
    Layer.Bound layer = hidden.bind(g);
    Node a = g.parameter(visibleBias);
    Node preActivation = layer.affine(v);
    Node visibleTerm = g.matmul(v, a, false, true);
    return new EnergyGraph() {
      @Override
      public Node energy() {
        Node softplus = g.activation(preActivation, Activation.SOFTPLUS, 0);
        return g.scale(g.add(visibleTerm, g.sumRows(softplus)), -1.0);
      }

      @Override
      public Node energyGradient() {
        throw binary();
      }

      @Override
      public Node energyLaplacian() {
        throw binary();
      }

      @Override
      public Node hessianQuadraticForm(Node directions, int k) {
        throw binary();
      }

      @Override
      public Node reconstruction() {
        // The mean of p(v|h) at h = p(h|v).
        Node hiddenMeans = g.activation(preActivation, Activation.SIGMOID, 0);
        Node visible = g.addRowVector(layer.transpose(hiddenMeans), a);
        return g.activation(visible, Activation.SIGMOID, 0);
      }

      @Override
      public List<Node> features() {
        return List.of(g.activation(preActivation, Activation.SIGMOID, 0));
      }
    };
  }

  private static UnsupportedOperationException binary() {
    return new UnsupportedOperationException(
        "a binary RBM has discrete inputs and no score: train it with the objective 'cd'");
  }

  /** The free energy F(v) per sample. */
  public INDArray freeEnergy(INDArray v) {
    return inference.run(v, Inference.Quantity.ENERGY);
  }

  @Override
  public Sampler gibbsSampler(int chains, long seed) {
    return new BlockGibbs(chains, seed);
  }

  /** h ~ p(h|v), then v ~ p(v|h), on every chain at once, into reused buffers. */
  private final class BlockGibbs implements Sampler {
    private final INDArray v;
    private final INDArray h;
    private final INDArray hiddenProbabilities;
    private final INDArray visibleProbabilities;
    private final org.nd4j.linalg.api.rng.Random random;

    BlockGibbs(int chains, long seed) {
      v = Nd4j.create(dataType(), chains, inputSize());
      h = Nd4j.create(dataType(), chains, hidden.outputSize());
      hiddenProbabilities = h.ulike();
      visibleProbabilities = v.ulike();
      random = Nd4j.getRandomFactory().getNewRandomInstance(seed);
    }

    @Override
    public INDArray run(INDArray start, int steps) {
      v.assign(start);
      for (int t = 0; t < steps; t++) {
        Nd4j.gemm(v, weights(), hiddenProbabilities, false, true, 1.0, 0.0);
        hiddenProbabilities.addiRowVector(hiddenBias());
        Nd4j.getExecutioner().exec(new Sigmoid(hiddenProbabilities, hiddenProbabilities));
        Nd4j.getExecutioner().exec(new BernoulliDistribution(h, hiddenProbabilities), random);
        Nd4j.gemm(h, weights(), visibleProbabilities, false, false, 1.0, 0.0);
        visibleProbabilities.addiRowVector(visibleBias());
        Nd4j.getExecutioner().exec(new Sigmoid(visibleProbabilities, visibleProbabilities));
        Nd4j.getExecutioner().exec(new BernoulliDistribution(v, visibleProbabilities), random);
      }
      return v;
    }
  }
}
