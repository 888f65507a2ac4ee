package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class RbmTest {

  private static final DataType D = DataType.DOUBLE;

  /** All 2^4 binary vectors. */
  private static INDArray allStates() {
    double[][] states = new double[16][4];
    for (int s = 0; s < 16; s++) {
      for (int i = 0; i < 4; i++) {
        states[s][i] = (s >> i) & 1;
      }
    }
    return Nd4j.createFromArray(states);
  }

  /** Exact mean log-likelihood, log Z by enumerating the visible states. */
  private static double logLikelihood(Rbm rbm, INDArray data) {
    INDArray negFree = rbm.freeEnergy(allStates()).neg();
    double max = negFree.maxNumber().doubleValue();
    double logZ = max + Math.log(Transforms.exp(negFree.sub(max)).sumNumber().doubleValue());
    return -rbm.freeEnergy(data).meanNumber().doubleValue() - logZ;
  }

  @Test
  void freeEnergyMatchesItsDefinition() {
    Rbm rbm = Rbm.initialise(4, 3, 1L, D);
    Nd4j.getRandom().setSeed(2);
    rbm.weights().assign(Nd4j.randn(D, 3, 4));
    rbm.hiddenBias().assign(Nd4j.randn(D, 1, 3));
    rbm.visibleBias().assign(Nd4j.randn(D, 1, 4));
    INDArray v = allStates();
    INDArray expected =
        v.mmul(rbm.visibleBias().transpose())
            .reshape(16)
            .addi(
                Transforms.softPlus(
                        v.mmul(rbm.weights().transpose()).addRowVector(rbm.hiddenBias()))
                    .sum(1))
            .negi();
    assertArrayEquals(expected.toDoubleVector(), rbm.freeEnergy(v).toDoubleVector(), 1e-12);
  }

  @Test
  void cdOneRaisesTheExactLogLikelihood() {
    double[][] patterns = {{1, 1, 0, 0}, {0, 0, 1, 1}, {1, 1, 0, 0}, {0, 0, 1, 1}, {1, 1, 1, 1}};
    INDArray data = Nd4j.tile(Nd4j.createFromArray(patterns), 40, 1);
    Rbm rbm = Rbm.initialise(4, 3, 1L, D);
    double before = logLikelihood(rbm, data);
    new ModelTrainer(new TrainingSettings(20, 20, new double[] {0.05}, 3L), p -> {})
        .train(rbm, Objectives.create("cd", java.util.Map.of("k", 1)), data);
    double after = logLikelihood(rbm, data);
    // Uniform start: 4 log 2 = 2.77 nats per sample; the data have entropy ~1.05 nats.
    assertTrue(after > before + 1.0, "log-likelihood " + before + " -> " + after);
  }
}
