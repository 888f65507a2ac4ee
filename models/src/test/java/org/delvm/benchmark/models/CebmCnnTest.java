package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The CNN variant of the CEBM ({@link Cebm#convolutional}): convolutions, then a linear layer. */
class CebmCnnTest {

  private static final DataType D = DataType.DOUBLE;

  /** 1 x 6 x 6 input, filters (2, 2), kernels (3, 3), K = 2; weights moved away from Glorot. */
  private static Cebm tiny(long seed) {
    Cebm cebm =
        Cebm.convolutional(1, 6, 6, List.of(2, 2), List.of(3, 3), 2, Activation.SILU, seed, D);
    Nd4j.getRandom().setSeed(seed);
    for (Parameter p : cebm.parameters()) {
      p.value().addi(Nd4j.rand(D, p.value().shape()).subi(0.5).muli(0.6));
    }
    return cebm;
  }

  @Test
  void networkIsConvolutionsThenALinearLayerOverTheFlattenedMaps() {
    Cebm cebm = tiny(1);
    LayeredNetwork f = cebm.network();
    assertEquals(3, f.depth());
    assertTrue(f.layer(0) instanceof ConvLayer && f.layer(1) instanceof ConvLayer);
    assertTrue(f.layer(2) instanceof DenseLayer);
    assertEquals(2 * 6 * 6, f.layer(2).inputSize());
    assertEquals(
        List.of(Activation.SILU, Activation.SILU, Activation.LINEAR),
        List.of(f.activation(0), f.activation(1), f.activation(2)));
    assertEquals(4, f.outputSize());
    assertEquals(2, cebm.latentSize());

    Cebm hidden =
        Cebm.convolutional(
            1, 6, 6, List.of(2, 2), List.of(3, 3), List.of(5), 2, Activation.SILU, 1, D);
    assertEquals(4, hidden.network().depth());
    assertEquals(Activation.SILU, hidden.network().activation(2));
    assertEquals(5, hidden.network().layer(2).outputSize());
    // Convolutions are drawn first from the seed: both variants share them.
    assertEquals(
        Cebm.convolutional(1, 6, 6, List.of(2, 2), List.of(3, 3), 2, Activation.SILU, 1, D)
            .network()
            .weights(1)
            .value(),
        hidden.network().weights(1).value());
  }

  /**
   * The paper's configuration on Fashion-MNIST: filters (64, 64, 32, 32), kernels (3, 4, 4, 4), K =
   * 128. At stride 1 the linear layer reads 32 x 28 x 28 units.
   */
  @Test
  void paperConfigurationOnFashionMnistImages() {
    Cebm cebm =
        Cebm.convolutional(
            1,
            28,
            28,
            Cebm.PAPER_FILTERS,
            Cebm.PAPER_KERNELS,
            Cebm.PAPER_LATENT_SIZE,
            Activation.SILU,
            1,
            DataType.FLOAT);
    assertEquals(784, cebm.inputSize());
    assertEquals(32 * 28 * 28, cebm.network().layer(4).inputSize());
    assertEquals(256, cebm.network().outputSize());
    long parameters = cebm.parameters().stream().mapToLong(p -> p.value().length()).sum();
    long conv = (64 * 9 + 64) + (64 * 64 * 16 + 64) + (32 * 64 * 16 + 32) + (32 * 32 * 16 + 32);
    assertEquals(conv + 256L * 25088 + 256, parameters);
    INDArray x = Nd4j.rand(DataType.FLOAT, 2, 784);
    Graph g = new Graph(DataType.FLOAT, false);
    Node input = g.input(2, 784);
    EnergyModel.EnergyGraph built = cebm.build(g, input);
    Node energy = built.energy();
    Node gradient = built.energyGradient();
    input.value().assign(x);
    g.forward();
    assertTrue(Double.isFinite(energy.value().sumNumber().doubleValue()));
    assertTrue(Double.isFinite(gradient.value().sumNumber().doubleValue()));
  }

  /**
   * The natural parameters u from a plain-loop forward pass (conv, SiLU, conv, SiLU, flatten C x H
   * x W, linear); then, per latent dimension, E_k = -log of the integral of N(z; 0, 1) exp(t1 z +
   * t2 z^2) over z by Simpson's rule on [-40, 40] (as {@link CebmTest} does for K = 1), E = sum_k
   * E_k.
   */
  @Test
  void energyMatchesAPlainForwardPassAndTheLatentIntegral() {
    Cebm cebm = tiny(3);
    Nd4j.getRandom().setSeed(4);
    INDArray x = Nd4j.rand(D, 4, 36).subi(0.5).muli(3);
    Graph g = new Graph(D, false);
    Node input = g.input(x.shape());
    EnergyModel.EnergyGraph built = cebm.build(g, input);
    Node energy = built.energy();
    Node u = cebm.network().build(g, input).output();
    input.value().assign(x);
    g.forward();
    for (int s = 0; s < x.rows(); s++) {
      double[] manual =
          ManualNetworks.forward(cebm.network(), x.getRow(s).toDoubleVector(), 1, 6, 6);
      double expected = 0;
      for (int k = 0; k < 2; k++) {
        assertEquals(manual[k], u.value().getDouble(s, k), 1e-12, "t1 " + k);
        assertEquals(manual[2 + k], u.value().getDouble(s, 2 + k), 1e-12, "u2 " + k);
        double t1 = manual[k];
        double t2 = -Math.log1p(Math.exp(manual[2 + k])) - Cebm.PRECISION_EPSILON;
        int steps = 80_000;
        double h = 80.0 / steps;
        double integral = 0;
        for (int i = 0; i <= steps; i++) {
          double z = -40 + i * h;
          double weight = i == 0 || i == steps ? 1 : (i % 2 == 1 ? 4 : 2);
          integral +=
              weight * Math.exp(t1 * z + t2 * z * z - 0.5 * z * z - 0.5 * Math.log(2 * Math.PI));
        }
        expected -= Math.log(integral * h / 3);
      }
      assertEquals(expected, energy.value().getDouble(s), 1e-9, "sample " + s);
    }
  }

  /**
   * grad_x E (which SGLD follows) through the linear layer's and the convolutions' transposes. Each
   * sample's energy depends on its own row only, so coordinate i is moved in every row at once.
   */
  @Test
  void energyGradientMatchesFiniteDifferences() {
    Cebm cebm = tiny(5);
    Nd4j.getRandom().setSeed(6);
    EnergyFiniteDifferences.assertEnergyGradientMatches(
        cebm, Nd4j.rand(D, 3, 36).subi(0.5).muli(2));
  }
}
