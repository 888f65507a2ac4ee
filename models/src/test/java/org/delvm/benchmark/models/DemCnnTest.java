package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The DEM over CNN features ({@link Dem#cnn}) and the DEM's block Gibbs sampler. */
class DemCnnTest {

  private static final DataType D = DataType.DOUBLE;

  /** Parameters moved away from Glorot's start (non-zero biases, larger weights). */
  private static Dem randomised(Dem dem, long seed) {
    Nd4j.getRandom().setSeed(seed);
    for (Parameter p : dem.parameters()) {
      p.value().addi(Nd4j.rand(D, p.value().shape()).subi(0.5).muli(0.8));
    }
    return dem;
  }

  static Stream<Arguments> cnnDems() {
    return Stream.of(
        Arguments.of(
            "one conv layer: convolutional Gaussian-Bernoulli RBM 2@3x3",
            (Supplier<Dem>) () -> Dem.cnn(1, 4, 4, List.of(2), List.of(3), Activation.TANH, 3, D)),
        Arguments.of(
            "tanh 2@3x3, softplus top 2@2x2",
            (Supplier<Dem>)
                () -> Dem.cnn(1, 4, 4, List.of(2, 2), List.of(3, 2), Activation.TANH, 3, D)),
        Arguments.of(
            "sigmoid 2@3x3, 2@2x2 on 2 channels, softplus top 1@3x3",
            (Supplier<Dem>)
                () ->
                    Dem.cnn(2, 3, 3, List.of(2, 2, 1), List.of(3, 2, 3), Activation.SIGMOID, 3, D)),
        Arguments.of(
            "softplus 2@3x3, dense softplus top of 3",
            (Supplier<Dem>)
                () -> Dem.cnn(1, 4, 4, List.of(2), List.of(3), Activation.SOFTPLUS, 3, 3, D)));
  }

  @Test
  void theLastConvolutionIsTheSoftplusTopAndTheOthersUseTheActivation() {
    Dem dem = Dem.cnn(1, 5, 5, List.of(3, 2), List.of(3, 3), Activation.RELU, 1, D);
    LayeredNetwork f = dem.network();
    assertEquals(2, f.depth());
    assertEquals(Activation.RELU, f.activation(0));
    assertEquals(Activation.SOFTPLUS, f.activation(1));
    assertEquals(2 * 5 * 5, f.outputSize(), "one binary unit per position of the top maps");
    assertEquals(25, dem.inputSize());
    assertTrue(dem.describe().startsWith("DEM (CNN 1x5x5 25-3@3x3-2@3x3"), dem.describe());
    // The same seed gives the same convolutions as the CNN DELVM of the same shape.
    LayeredNetwork delvm =
        Cnn.initialise(1, 5, 5, List.of(3, 2), List.of(3, 3), Activation.RELU, 1, D);
    assertEquals(delvm.weights(0).value(), f.weights(0).value());
    assertEquals(delvm.weights(1).value(), f.weights(1).value());

    Dem dense = Dem.cnn(1, 5, 5, List.of(3), List.of(3), Activation.TANH, 4, 1, D);
    assertEquals(2, dense.network().depth());
    assertTrue(dense.network().layer(1) instanceof DenseLayer);
    assertEquals(75, dense.network().layer(1).inputSize());
    assertEquals(Activation.TANH, dense.network().activation(0));
    assertEquals(Activation.SOFTPLUS, dense.network().activation(1));

    assertThrows(
        IllegalArgumentException.class,
        () -> Dem.cnn(1, 5, 5, List.of(), List.of(), Activation.TANH, 1, D));
  }

  /**
   * One conv layer: E(x) = 1/2 ||x - b||^2 - sum over filters and positions of softplus(conv(x) +
   * c), computed with plain loops.
   */
  @Test
  void oneLayerEnergyIsTheConvolutionalRbmFreeEnergy() {
    Dem dem = randomised(Dem.cnn(2, 4, 3, List.of(3), List.of(3), Activation.TANH, 5, D), 5);
    Nd4j.getRandom().setSeed(6);
    INDArray x = Nd4j.rand(D, 4, 24).subi(0.5).muli(2);
    double[] energies = dem.energy(x).toDoubleVector();
    for (int s = 0; s < 4; s++) {
      double[] row = x.getRow(s).toDoubleVector();
      double[] a =
          ManualNetworks.conv(
              row, 2, 4, 3, dem.network().weights(0).value(), dem.network().bias(0).value());
      double expected = 0;
      for (int i = 0; i < row.length; i++) {
        double centred = row[i] - dem.visibleBias().getDouble(i);
        expected += 0.5 * centred * centred;
      }
      for (double ai : a) {
        expected -= ManualNetworks.apply(Activation.SOFTPLUS, ai);
      }
      assertEquals(expected, energies[s], 1e-12, "sample " + s);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cnnDems")
  void energyGradientAndLaplacianMatchFiniteDifferences(String name, Supplier<Dem> factory) {
    Dem dem = randomised(factory.get(), 17);
    Nd4j.getRandom().setSeed(5);
    INDArray x = Nd4j.rand(D, 3, dem.inputSize());
    INDArray gradient = x.sub(new Inference(dem).run(x, Inference.Quantity.RECONSTRUCTION));
    double[] laplacian = new Inference(dem).run(x, Inference.Quantity.LAPLACIAN).toDoubleVector();
    EnergyFiniteDifferences.assertLaplacianMatches(dem, x, laplacian, gradient);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cnnDems")
  void hessianQuadraticFormMatchesSecondDifferences(String name, Supplier<Dem> factory) {
    EnergyFiniteDifferences.assertHessianQuadraticFormMatches(
        randomised(factory.get(), 18), 2, 2, 6);
  }

  /**
   * Without g layers the DEM is a Gaussian-Bernoulli RBM and its Gibbs sampler is exact: p(h) is
   * proportional to exp(c.h + h.W b + 1/2 ||W^T h||^2), so E[x] = b + W^T E[h] and Cov[x] = I + W^T
   * Cov[h] W, by enumerating the 2^3 hidden states. 4000 chains, 40 sweeps from 0.
   */
  @Test
  void gaussianBernoulliGibbsSamplerReproducesTheExactMoments() {
    Dem rbm = Dem.mlp(3, List.of(), Activation.RELU, 3, 2L, D);
    Nd4j.getRandom().setSeed(7);
    INDArray w = rbm.network().weights(0).value().assign(Nd4j.randn(D, 3, 3).muli(0.8));
    INDArray c = rbm.network().bias(0).value().assign(Nd4j.randn(D, 1, 3).muli(0.5));
    INDArray b = rbm.visibleBias().assign(Nd4j.randn(D, 1, 3));
    // Exact moments of h.
    double[] weights = new double[8];
    double total = 0;
    for (int s = 0; s < 8; s++) {
      INDArray h = state(s);
      INDArray wth = h.mmul(w);
      double logWeight =
          h.mmul(c.transpose()).getDouble(0)
              + h.mmul(w.mmul(b.transpose())).getDouble(0)
              + 0.5 * wth.mul(wth).sumNumber().doubleValue();
      weights[s] = Math.exp(logWeight);
      total += weights[s];
    }
    INDArray meanH = Nd4j.zeros(D, 1, 3);
    INDArray secondH = Nd4j.zeros(D, 3, 3);
    for (int s = 0; s < 8; s++) {
      INDArray h = state(s);
      meanH.addi(h.mul(weights[s] / total));
      secondH.addi(h.transpose().mmul(h).muli(weights[s] / total));
    }
    INDArray covH = secondH.sub(meanH.transpose().mmul(meanH));
    INDArray mean = b.add(meanH.mmul(w));
    INDArray cov = Nd4j.eye(3).castTo(D).addi(w.transpose().mmul(covH).mmul(w));

    int chains = 4000;
    INDArray samples = rbm.gibbsSampler(chains, 11L).run(Nd4j.zeros(D, chains, 3), 40).dup();
    INDArray sampleMean = samples.mean(0).reshape(1, 3);
    INDArray centred = samples.subRowVector(sampleMean);
    INDArray sampleCov = centred.transpose().mmul(centred).divi(chains - 1);
    for (int i = 0; i < 3; i++) {
      double standardError = Math.sqrt(cov.getDouble(i, i) / chains);
      assertEquals(mean.getDouble(0, i), sampleMean.getDouble(0, i), 4 * standardError, "mean");
      for (int j = 0; j < 3; j++) {
        // The standard error of a covariance is about sqrt((s_ii s_jj + s_ij^2) / n).
        double se =
            Math.sqrt(
                (cov.getDouble(i, i) * cov.getDouble(j, j) + Math.pow(cov.getDouble(i, j), 2))
                    / chains);
        assertEquals(cov.getDouble(i, j), sampleCov.getDouble(i, j), 5 * se, "cov " + i + j);
      }
    }
  }

  private static INDArray state(int s) {
    return Nd4j.createFromArray(new double[][] {{s & 1, (s >> 1) & 1, (s >> 2) & 1}});
  }

  @Test
  void cnnDemSamplerIsSeededAndKeepsItsStart() {
    Dem dem = randomised(Dem.cnn(1, 4, 4, List.of(2, 2), List.of(3, 3), Activation.TANH, 1, D), 3);
    INDArray start = Nd4j.rand(D, 5, 16);
    INDArray copy = start.dup();
    INDArray a = dem.gibbsSampler(5, 9L).run(start, 3).dup();
    INDArray b = dem.gibbsSampler(5, 9L).run(start, 3).dup();
    INDArray c = dem.gibbsSampler(5, 10L).run(start, 3).dup();
    assertEquals(copy, start);
    assertEquals(a, b);
    assertTrue(!a.equals(c));
    assertTrue(Double.isFinite(a.sumNumber().doubleValue()));
  }
}
