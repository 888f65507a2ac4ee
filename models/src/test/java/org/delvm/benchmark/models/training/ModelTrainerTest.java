package org.delvm.benchmark.models.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.Objectives;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ModelTrainerTest {

  private static INDArray data(long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.rand(DataType.FLOAT, 250, 12);
  }

  private static TrainingSettings settings(long seed) {
    return new TrainingSettings(3, 100, new double[] {1e-3}, seed);
  }

  @Test
  void sameSeedGivesBitIdenticalWeightsAndLowerLoss() {
    INDArray x = data(1);
    Delvm a = new Delvm(Mlp.initialise(12, List.of(32), Activation.RELU, 7L, DataType.FLOAT));
    Delvm b = new Delvm(Mlp.initialise(12, List.of(32), Activation.RELU, 7L, DataType.FLOAT));
    List<ModelTrainer.EpochProgress> progress = new ArrayList<>();
    TrainingResult ra =
        new ModelTrainer(settings(9), progress::add).train(a, Objectives.create("sm"), x);
    TrainingResult rb = new ModelTrainer(settings(9), p -> {}).train(b, Objectives.create("sm"), x);

    assertEquals(TrainingResult.Status.COMPLETED, ra.status());
    assertEquals(a.parameters().get(0).value(), b.parameters().get(0).value());
    assertEquals(a.parameters().get(1).value(), b.parameters().get(1).value());
    assertEquals(ra.epochLosses(), rb.epochLosses());
    assertEquals(3, progress.size());
    assertTrue(ra.epochLosses().get(2) < ra.epochLosses().get(0), ra.epochLosses().toString());
  }

  @Test
  void anotherDataOrderSeedGivesOtherWeights() {
    INDArray x = data(1);
    Delvm a = new Delvm(Mlp.initialise(12, List.of(32), Activation.RELU, 7L, DataType.FLOAT));
    Delvm b = new Delvm(Mlp.initialise(12, List.of(32), Activation.RELU, 7L, DataType.FLOAT));
    new ModelTrainer(settings(9), p -> {}).train(a, Objectives.create("sm"), x);
    new ModelTrainer(settings(10), p -> {}).train(b, Objectives.create("sm"), x);
    assertNotEquals(a.parameters().get(0).value(), b.parameters().get(0).value());
  }

  @Test
  void divergenceIsRecordedNotThrown() {
    INDArray x = data(2);
    x.putScalar(17, 3, Float.NaN);
    Delvm model = new Delvm(Mlp.initialise(12, List.of(32), Activation.RELU, 7L, DataType.FLOAT));
    TrainingResult result =
        new ModelTrainer(settings(1), p -> {}).train(model, Objectives.create("sm"), x);
    assertEquals(TrainingResult.Status.DIVERGED, result.status());
    assertEquals(0, result.lastGoodEpoch());
    assertTrue(result.message().contains("epoch 1"), result.message());
  }
}
