package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.Objective;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingResult;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class ComparisonModelsTest {

  private static final DataType D = DataType.DOUBLE;

  @Test
  void aDemWithoutHiddenLayersIsTheGaussianBernoulliRbmFreeEnergy() {
    Dem rbm = Dem.mlp(4, List.of(), Activation.RELU, 3, 2L, D);
    Nd4j.getRandom().setSeed(3);
    for (Parameter p : rbm.parameters()) {
      p.value().assign(Nd4j.rand(D, p.value().shape()).subi(0.5));
    }
    INDArray x = Nd4j.rand(D, 5, 4);
    INDArray w = rbm.network().weights(0).value();
    INDArray c = rbm.network().bias(0).value();
    INDArray b = rbm.parameters().get(2).value();
    INDArray centred = x.subRowVector(b);
    INDArray expected =
        centred
            .mul(centred)
            .sum(1)
            .muli(0.5)
            .subi(Transforms.softPlus(x.mmul(w.transpose()).addRowVector(c)).sum(1));
    assertArrayEquals(expected.toDoubleVector(), rbm.energy(x).toDoubleVector(), 1e-12);
  }

  @Test
  void demEnergyGradientAndLaplacianMatchFiniteDifferences() {
    Dem dem = Dem.mlp(4, List.of(5), Activation.TANH, 3, 2L, D);
    INDArray x = Nd4j.rand(D, 1, 4);
    double h = 1e-4;
    double e0 = dem.energy(x).getDouble(0);
    double trace = 0;
    INDArray grad = x.sub(reconstruction(dem, x));
    for (int i = 0; i < 4; i++) {
      INDArray plus = x.dup();
      plus.putScalar(0, i, x.getDouble(0, i) + h);
      INDArray minus = x.dup();
      minus.putScalar(0, i, x.getDouble(0, i) - h);
      double ep = dem.energy(plus).getDouble(0);
      double em = dem.energy(minus).getDouble(0);
      assertEquals((ep - em) / (2 * h), grad.getDouble(0, i), 1e-7, "grad " + i);
      trace += (ep - 2 * e0 + em) / (h * h);
    }
    assertEquals(trace, new Inference(dem).run(x, Inference.Quantity.LAPLACIAN).getDouble(0), 1e-5);
  }

  private static INDArray reconstruction(EnergyModel model, INDArray x) {
    return new Inference(model).run(x, Inference.Quantity.RECONSTRUCTION);
  }

  @Test
  void autoencodersMirrorTheirEncoderAndLearnToReconstruct() {
    Autoencoder ae = Autoencoder.dense(6, List.of(5, 3), Activation.TANH, 1L, DataType.FLOAT);
    assertTrue(
        ae.describe().contains("MLP 6-5-3") && ae.describe().contains("MLP 3-5-6"), ae.describe());
    Nd4j.getRandom().setSeed(4);
    INDArray data = Nd4j.rand(DataType.FLOAT, 400, 6);
    double before = ae.reconstructionError(data).meanNumber().doubleValue();
    TrainingResult r =
        new ModelTrainer(new TrainingSettings(30, 50, new double[] {0.01}, 1L), p -> {})
            .train(ae, Objectives.create("reconstruction"), data);
    assertEquals(TrainingResult.Status.COMPLETED, r.status());
    assertTrue(ae.reconstructionError(data).meanNumber().doubleValue() < 0.5 * before);

    Autoencoder cae =
        Autoencoder.convolutional(
            1, 4, 4, List.of(3, 2), List.of(3, 3), Activation.RELU, 1L, DataType.FLOAT);
    assertEquals(16, cae.inputSize());
    assertEquals(3, cae.reconstructionError(Nd4j.rand(DataType.FLOAT, 3, 16)).length());
  }

  @Test
  void scoreObjectivesRefuseAnAutoencoderWithAClearMessage() {
    Autoencoder ae = Autoencoder.dense(4, List.of(3), Activation.TANH, 1L, D);
    UnsupportedOperationException e =
        assertThrows(
            UnsupportedOperationException.class,
            () ->
                Objectives.create("sm")
                    .prepare(new Objective.Context(ae, 2, Nd4j.rand(D, 2, 4), 1L)));
    assertTrue(e.getMessage().contains("objective 'reconstruction'"), e.getMessage());
  }
}
