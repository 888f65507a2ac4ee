package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.graph.Graph;
import org.delvm.benchmark.models.graph.Node;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class StackedRbmTest {

  private static final DataType D = DataType.DOUBLE;
  private static final List<Integer> WIDTHS = List.of(6, 4);

  /** 300 rows of 8 dimensions: one of three binary prototypes (scaled by 2) plus N(0, 0.3^2). */
  private static INDArray prototypes() {
    double[][] prototypes = {
      {2, 2, 2, 2, 0, 0, 0, 0}, {0, 0, 0, 0, 2, 2, 2, 2}, {2, 0, 2, 0, 2, 0, 2, 0}
    };
    java.util.Random random = new java.util.Random(42);
    double[][] rows = new double[300][8];
    for (int n = 0; n < rows.length; n++) {
      double[] p = prototypes[random.nextInt(3)];
      for (int i = 0; i < 8; i++) {
        rows[n][i] = p[i] + 0.3 * random.nextGaussian();
      }
    }
    return Nd4j.createFromArray(rows);
  }

  private static StackedRbm pretrain(INDArray data, int epochs, long seed) {
    return StackedRbm.pretrain(data, WIDTHS, 1, epochs, 100, 0.1, seed);
  }

  private static double meanReconstructionError(EnergyModel rbm, INDArray input) {
    return new Inference(rbm)
        .run(input, Inference.Quantity.RECONSTRUCTION_ERROR)
        .meanNumber()
        .doubleValue();
  }

  /**
   * Exact mean log-likelihood of a Gaussian-Bernoulli RBM: log Z = d/2 log 2 pi + log sum over h of
   * exp(c.h + h.W b + 1/2 ||W^T h||^2), by enumerating the hidden states.
   */
  private static double logLikelihood(Dem rbm, INDArray data) {
    INDArray w = rbm.network().weights(0).value();
    INDArray c = rbm.network().bias(0).value();
    INDArray b = rbm.visibleBias();
    int hidden = (int) w.rows();
    double[] terms = new double[1 << hidden];
    double max = Double.NEGATIVE_INFINITY;
    for (int s = 0; s < terms.length; s++) {
      double[] bits = new double[hidden];
      for (int j = 0; j < hidden; j++) {
        bits[j] = (s >> j) & 1;
      }
      INDArray h = Nd4j.createFromArray(new double[][] {bits});
      INDArray wth = h.mmul(w);
      terms[s] =
          h.mmul(c.transpose()).getDouble(0)
              + wth.mmul(b.transpose()).getDouble(0)
              + 0.5 * wth.mul(wth).sumNumber().doubleValue();
      max = Math.max(max, terms[s]);
    }
    double sum = 0;
    for (double t : terms) {
      sum += Math.exp(t - max);
    }
    double logZ = 0.5 * w.columns() * Math.log(2 * Math.PI) + max + Math.log(sum);
    return -rbm.energy(data).meanNumber().doubleValue() - logZ;
  }

  @Test
  void theMlpIsInitialisedWithACopyOfTheTrainedRbms() {
    INDArray data = prototypes();
    StackedRbm stack = pretrain(data, 5, 1L);
    LayeredNetwork mlp = stack.network();
    assertEquals(2, mlp.depth());
    assertEquals(8, mlp.inputSize());
    assertEquals(4, mlp.outputSize());
    assertEquals(1, stack.binaryRbms().size());
    for (int l = 0; l < 2; l++) {
      assertEquals(Activation.SIGMOID, mlp.activation(l));
      assertEquals(stack.weights(l), mlp.weights(l).value(), "weights of layer " + l);
      assertEquals(stack.hiddenBias(l).reshape(1, -1), mlp.bias(l).value(), "bias " + l);
    }
    assertEquals(stack.gaussianRbm().network().weights(0).value(), mlp.weights(0).value());
    assertEquals(stack.binaryRbms().get(0).weights(), mlp.weights(1).value());
    assertEquals(stack.binaryRbms().get(0).hiddenBias(), mlp.bias(1).value());
    assertEquals(2, stack.trainings().size());

    // The MLP computes the DBN's features p(h2 | p(h1 | x)).
    Graph g = new Graph(D, false);
    Node input = g.input(data.shape());
    Node output = mlp.build(g, input).output();
    input.value().assign(data);
    g.forward();
    assertArrayEquals(
        stack.features(data).dup('c').data().asDouble(),
        output.value().dup('c').data().asDouble(),
        1e-12);

    // A copy: fine-tuning the MLP (e.g. as f of a DELVM) leaves the RBMs as trained.
    INDArray before = stack.weights(1).dup();
    mlp.weights(1).value().addi(1);
    assertEquals(before, stack.weights(1));
    assertTrue(Double.isFinite(new Delvm(mlp).energy(data).sumNumber().doubleValue()));
  }

  /**
   * Against the initial RBMs (0 epochs, same seed): the Gaussian layer's exact log-likelihood rises
   * and each layer reconstructs its own input (the data, then layer 1's p(h|v)) better. The first
   * layer also beats what needs no hidden units, N(data mean, I) in likelihood and the data mean as
   * reconstruction (error = the total variance): its hidden units carry the prototypes.
   */
  @Test
  void pretrainingImprovesEveryLayer() {
    INDArray data = prototypes();
    StackedRbm initial = pretrain(data, 0, 3L);
    StackedRbm trained = pretrain(data, 30, 3L);

    double llBefore = logLikelihood(initial.gaussianRbm(), data);
    double llAfter = logLikelihood(trained.gaussianRbm(), data);
    assertTrue(llAfter > llBefore + 1.0, "log-likelihood " + llBefore + " -> " + llAfter);
    // The best model without hidden units, N(data mean, I), scores -d/2 log 2 pi - variance / 2.
    double totalVariance = data.var(false, 0).sumNumber().doubleValue();
    double gaussian = -4 * Math.log(2 * Math.PI) - totalVariance / 2;
    assertTrue(llAfter > gaussian + 1.0, "log-likelihood " + llAfter + " vs " + gaussian);

    double before1 = meanReconstructionError(initial.gaussianRbm(), data);
    double after1 = meanReconstructionError(trained.gaussianRbm(), data);
    assertTrue(after1 < 0.5 * before1, "layer 1 reconstruction " + before1 + " -> " + after1);
    assertTrue(after1 < 0.5 * totalVariance, after1 + " vs total variance " + totalVariance);

    INDArray h1 = trained.features(data, 1);
    double before2 = meanReconstructionError(initial.binaryRbms().get(0), h1);
    double after2 = meanReconstructionError(trained.binaryRbms().get(0), h1);
    assertTrue(after2 < 0.5 * before2, "layer 2 reconstruction " + before2 + " -> " + after2);
  }

  @Test
  void oneSeedGivesBitIdenticalRbms() {
    INDArray data = prototypes();
    StackedRbm a = pretrain(data, 3, 7L);
    StackedRbm b = pretrain(data, 3, 7L);
    StackedRbm c = pretrain(data, 3, 8L);
    for (int l = 0; l < 2; l++) {
      assertEquals(a.weights(l), b.weights(l));
      assertEquals(a.hiddenBias(l), b.hiddenBias(l));
      assertEquals(a.trainings().get(l).epochLosses(), b.trainings().get(l).epochLosses());
      assertNotEquals(a.weights(l), c.weights(l));
    }
    assertEquals(a.gaussianRbm().visibleBias(), b.gaussianRbm().visibleBias());
    assertEquals(a.binaryRbms().get(0).visibleBias(), b.binaryRbms().get(0).visibleBias());
  }

  @Test
  void rejectsAnEmptyStack() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StackedRbm.pretrain(prototypes(), List.of(), 1, 1, 10, 0.01, 1L));
    assertTrue(e.getMessage().contains("at least one layer"), e.getMessage());
  }
}
