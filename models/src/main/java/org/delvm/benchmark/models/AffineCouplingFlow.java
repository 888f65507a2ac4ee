package org.delvm.benchmark.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A RealNVP-style normalising flow (Dinh et al. 2017): x = mu + exp(l) * g(z) with z ~ N(0, I) and
 * g a stack of affine coupling layers with alternating masks. Coupling layer k splits its input u
 * into the first floor(d/2) columns and the rest, keeps one part a (the first part for even k, the
 * second for odd k) and maps the other part b to b * exp(s(a)) + t(a), with h = tanh(W1 a + c1), s
 * = tanh(Ws h + cs) (bounded, so that one step cannot blow the scale up) and t = Wt h + ct. Both
 * directions and the log-determinant are exact: log q(x) = log N(z) - sum_k sum s_k - sum l.
 *
 * <p>The element-wise affine (mu, l) is initialised to the data's mean and log standard deviation
 * and the couplings' output weights to zero, so a fresh flow is exactly NCE's fitted diagonal
 * Gaussian; flow contrastive estimation then moves it towards the data. All parameters are in layer
 * 0 of the per-layer learning rates.
 */
public final class AffineCouplingFlow {

  private static final double MIN_STD = 1e-3;

  /** One coupling layer's conditioner network. */
  private record Coupling(
      boolean conditionOnFirst,
      Parameter w1,
      Parameter c1,
      Parameter ws,
      Parameter cs,
      Parameter wt,
      Parameter ct) {
    List<Parameter> parameters() {
      return List.of(w1, c1, ws, cs, wt, ct);
    }
  }

  /** The sampling direction's result: x = flow(z) and log q(x), n x d and n x 1. */
  public record Sample(Node x, Node logDensity) {}

  private final int inputSize;
  private final int split;
  private final DataType dataType;
  private final Parameter shift;
  private final Parameter logScale;
  private final List<Coupling> couplings;

  private AffineCouplingFlow(
      int inputSize, DataType dataType, Parameter shift, Parameter logScale, List<Coupling> c) {
    this.inputSize = inputSize;
    this.split = inputSize / 2;
    this.dataType = dataType;
    this.shift = shift;
    this.logScale = logScale;
    this.couplings = List.copyOf(c);
  }

  /**
   * A flow over rows of {@code data}'s width: the element-wise affine fitted to the data (standard
   * deviations floored at 1e-3), conditioners with Glorot-uniform first layers from {@link Random}
   * with the seed and zero output layers (the identity).
   */
  public static AffineCouplingFlow initialise(
      INDArray data, int couplings, int hiddenUnits, long seed, DataType type) {
    int d = (int) data.columns();
    if (d < 2 || couplings < 1 || hiddenUnits < 1) {
      throw new IllegalArgumentException(
          "a coupling flow needs >= 2 dimensions, >= 1 coupling layer and >= 1 hidden unit, got d = "
              + d
              + ", "
              + couplings
              + " couplings, "
              + hiddenUnits
              + " hidden units");
    }
    INDArray x = data.castTo(type);
    INDArray mean = x.mean(0).reshape(1, d);
    INDArray logStd = x.std(false, 0).reshape(1, d);
    Transforms.max(logStd, MIN_STD, false);
    Transforms.log(logStd, false);
    Random random = new Random(seed);
    int first = d / 2;
    List<Coupling> layers = new ArrayList<>();
    for (int k = 0; k < couplings; k++) {
      boolean onFirst = k % 2 == 0;
      int kept = onFirst ? first : d - first;
      int moved = d - kept;
      String p = "flow" + (k + 1) + ".";
      layers.add(
          new Coupling(
              onFirst,
              Parameter.of(
                  p + "W1",
                  0,
                  Initialisation.glorotUniform(random, kept, hiddenUnits, type, hiddenUnits, kept)),
              Parameter.of(p + "c1", 0, Nd4j.zeros(type, 1, hiddenUnits)),
              Parameter.of(p + "Ws", 0, Nd4j.zeros(type, moved, hiddenUnits)),
              Parameter.of(p + "cs", 0, Nd4j.zeros(type, 1, moved)),
              Parameter.of(p + "Wt", 0, Nd4j.zeros(type, moved, hiddenUnits)),
              Parameter.of(p + "ct", 0, Nd4j.zeros(type, 1, moved))));
    }
    return new AffineCouplingFlow(
        d, type, Parameter.of("flow.mu", 0, mean), Parameter.of("flow.l", 0, logStd), layers);
  }

  public int inputSize() {
    return inputSize;
  }

  public DataType dataType() {
    return dataType;
  }

  /** Every trainable parameter, in a fixed order. */
  public List<Parameter> parameters() {
    List<Parameter> all = new ArrayList<>(List.of(shift, logScale));
    for (Coupling c : couplings) {
      all.addAll(c.parameters());
    }
    return List.copyOf(all);
  }

  /** Short description for reports. */
  public String describe() {
    return couplings.size()
        + " affine couplings, "
        + couplings.get(0).w1().value().rows()
        + " tanh units each";
  }

  /** The sampling direction at base draws z (n x d, standard normal): x and log q(x). */
  public Sample sample(Graph g, Node z) {
    Node u = z;
    Node logDet = null;
    for (Coupling c : couplings) {
      Bound b = bind(g, c, u);
      Node moved = g.add(g.mul(b.moved(), g.exp(b.logScale())), b.translation());
      u = b.assemble(moved);
      logDet = logDet == null ? g.sumRows(b.logScale()) : g.add(logDet, g.sumRows(b.logScale()));
    }
    Node l = g.parameter(logScale);
    Node x = g.addRowVector(g.mulRowVector(u, g.exp(l)), g.parameter(shift));
    // log q(x) = log N(z) - log|det dx/dz|; the affine's log-determinant is sum(l) for every row.
    Node logDensity =
        g.sub(g.addRowVector(baseLogDensity(g, z), g.scale(g.sumRows(l), -1.0)), logDet);
    return new Sample(x, logDensity);
  }

  /** log q(x) at data rows x (n x d), by the inverse direction. */
  public Node logDensity(Graph g, Node x) {
    Node l = g.parameter(logScale);
    Node centred = g.addRowVector(x, g.scale(g.parameter(shift), -1.0));
    Node u = g.mulRowVector(centred, g.exp(g.scale(l, -1.0)));
    Node logDet = null;
    for (int k = couplings.size() - 1; k >= 0; k--) {
      Bound b = bind(g, couplings.get(k), u);
      Node minusS = g.scale(b.logScale(), -1.0);
      Node moved = g.mul(g.sub(b.moved(), b.translation()), g.exp(minusS));
      u = b.assemble(moved);
      logDet = logDet == null ? g.sumRows(minusS) : g.add(logDet, g.sumRows(minusS));
    }
    // log q(x) = log N(z) + log|det dz/dx|, with dz/dx's affine part contributing -sum(l).
    return g.add(g.addRowVector(baseLogDensity(g, u), g.scale(g.sumRows(l), -1.0)), logDet);
  }

  /** log q at every row of x (any number of rows), through a graph built for this call. */
  public INDArray logDensity(INDArray x) {
    checkRows(x);
    Graph g = new Graph(dataType, false);
    Node input = g.input(x.shape());
    Node out = logDensity(g, input);
    input.value().assign(x);
    g.forward();
    return out.value().dup().reshape(x.rows());
  }

  /** n draws from the flow, seeded (ND4J's generator). */
  public INDArray sample(int n, long seed) {
    Graph g = new Graph(dataType, false);
    Node z = g.input(n, inputSize);
    Sample s = sample(g, z);
    Nd4j.getExecutioner()
        .exec(
            new GaussianDistribution(z.value(), 0, 1),
            Nd4j.getRandomFactory().getNewRandomInstance(seed));
    g.forward();
    return s.x().value().dup();
  }

  private void checkRows(INDArray x) {
    if (x.rank() != 2 || x.columns() != inputSize || x.dataType() != dataType) {
      throw new IllegalArgumentException(
          "flow input must be n x "
              + inputSize
              + " of type "
              + dataType
              + ", got "
              + java.util.Arrays.toString(x.shape())
              + " of type "
              + x.dataType());
    }
  }

  /** -1/2 ||z||^2 - d/2 log(2 pi), n x 1. */
  private Node baseLogDensity(Graph g, Node z) {
    return g.addScalar(
        g.scale(g.sumSquaresRows(z), -0.5), -0.5 * inputSize * Math.log(2 * Math.PI));
  }

  /** A coupling's conditioner evaluated at u: the kept and moved parts, s and t. */
  private record Bound(
      Graph g, boolean conditionOnFirst, Node kept, Node moved, Node logScale, Node translation) {
    /** The layer's output with the moved part replaced, columns in their original order. */
    Node assemble(Node newMoved) {
      return conditionOnFirst ? g.concatColumns(kept, newMoved) : g.concatColumns(newMoved, kept);
    }
  }

  private Bound bind(Graph g, Coupling c, Node u) {
    Node first = g.columns(u, 0, split);
    Node second = g.columns(u, split, inputSize);
    Node kept = c.conditionOnFirst() ? first : second;
    Node moved = c.conditionOnFirst() ? second : first;
    Node h =
        g.activation(
            g.addRowVector(g.matmul(kept, g.parameter(c.w1()), false, true), g.parameter(c.c1())),
            Activation.TANH,
            0);
    Node s =
        g.activation(
            g.addRowVector(g.matmul(h, g.parameter(c.ws()), false, true), g.parameter(c.cs())),
            Activation.TANH,
            0);
    Node t = g.addRowVector(g.matmul(h, g.parameter(c.wt()), false, true), g.parameter(c.ct()));
    return new Bound(g, c.conditionOnFirst(), kept, moved, s, t);
  }
}
