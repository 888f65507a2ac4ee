package org.delvm.benchmark.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.Objectives;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The per-epoch DELVM diagnostics against models whose values are known. */
class DelvmDiagnosticsTest {

  private static final DataType D = DataType.DOUBLE;

  /** f = relu(W x + b), W = [[2, 0], [0, 0.5], [0, 0]]: singular values 2 and 0.5. */
  private static Delvm delvm(double bias) {
    LayeredNetwork mlp = Mlp.initialise(2, List.of(3), Activation.RELU, 1L, D);
    mlp.weights(0).value().assign(Nd4j.createFromArray(new double[][] {{2, 0}, {0, 0.5}, {0, 0}}));
    mlp.bias(0).value().assign(bias);
    return new Delvm(mlp);
  }

  @Test
  void everyUnitActiveGivesTheWeightsSpectralNorm() {
    Nd4j.getRandom().setSeed(1);
    INDArray probe = Nd4j.rand(D, 30, 2);
    EpochDiagnostics d = new DelvmDiagnostics(delvm(10), probe, 3L).measure(1);
    assertEquals(2.0, d.jacobianNormMean(), 1e-9);
    assertEquals(2.0, d.jacobianNormMax(), 1e-9);
    assertEquals(1.0, d.activeUnits(), 1e-12);
    assertTrue(Double.isFinite(d.sampleEnergy()));
  }

  @Test
  void deadUnitsGiveAZeroJacobian() {
    Nd4j.getRandom().setSeed(1);
    INDArray probe = Nd4j.rand(D, 30, 2);
    EpochDiagnostics d = new DelvmDiagnostics(delvm(-100), probe, 3L).measure(1);
    assertEquals(0.0, d.jacobianNormMax(), 0.0);
    assertEquals(0.0, d.activeUnits(), 0.0);
    // With f = 0, E = ||x||^2 / 2.
    double expected = probe.mul(probe).sum(1).meanNumber().doubleValue() / 2;
    assertEquals(expected, d.dataEnergy(), 1e-12);
  }

  @Test
  void theTrainerReturnsOneEntryPerEpochWhenAsked() {
    Nd4j.getRandom().setSeed(2);
    INDArray data = Nd4j.rand(D, 50, 4);
    Delvm model = new Delvm(Mlp.initialise(4, List.of(5), Activation.RELU, 1L, D));
    TrainingResult r =
        new ModelTrainer(new TrainingSettings(3, 10, new double[] {1e-3}, 1L), p -> {})
            .withDiagnostics(20)
            .train(model, Objectives.create("cd"), data);
    assertEquals(List.of(1, 2, 3), r.diagnostics().stream().map(EpochDiagnostics::epoch).toList());
    TrainingResult plain =
        new ModelTrainer(new TrainingSettings(1, 10, new double[] {1e-3}, 1L), p -> {})
            .train(model, Objectives.create("cd"), data);
    assertTrue(plain.diagnostics().isEmpty());
  }
}
