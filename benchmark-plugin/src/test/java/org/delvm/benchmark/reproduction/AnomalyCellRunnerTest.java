package org.delvm.benchmark.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class AnomalyCellRunnerTest {

  @Test
  void countsTheUnitsOfFThatAreActiveOnSomeSample() {
    LayeredNetwork mlp = Mlp.initialise(4, List.of(6, 5), Activation.RELU, 1L, DataType.FLOAT);
    INDArray x = Nd4j.rand(DataType.FLOAT, 20, 4);
    // Last layer: two units pushed far below zero can never fire on inputs in [0, 1).
    mlp.bias(1).value().putScalar(0, -1e3);
    mlp.bias(1).value().putScalar(3, -1e3);
    mlp.bias(1).value().putScalar(1, 1e3);
    mlp.bias(1).value().putScalar(2, 1e3);
    mlp.bias(1).value().putScalar(4, 1e3);
    assertEquals(60.0, AnomalyCellRunner.activeUnits(new Delvm(mlp), x), 1e-9);

    mlp.bias(1).value().assign(-1e3);
    assertEquals(0.0, AnomalyCellRunner.activeUnits(new Delvm(mlp), x), 1e-9);
  }

  /** 1 x 6 x 6 images: normal ones are dim noise, anomalies carry a bright square. */
  static INDArray images(int n, boolean anomalous, long seed) {
    java.util.Random random = new java.util.Random(seed);
    float[][] pixels = new float[n][36];
    for (int i = 0; i < n; i++) {
      for (int p = 0; p < 36; p++) {
        boolean square = anomalous && p / 6 >= 2 && p / 6 < 4 && p % 6 >= 2 && p % 6 < 4;
        pixels[i][p] = (square ? 3f : 0f) + 0.1f * (float) random.nextGaussian();
      }
    }
    return Nd4j.createFromArray(pixels);
  }

  @Test
  void imageCellsAreThresholdedWhereTheLabelledTrainingHistogramsCross() {
    org.delvm.benchmark.plan.Cell cell =
        TestCell.image(
                "cae", "cifar10", new org.delvm.benchmark.plan.Cell.ImageSubset(60, 40, null))
            .experiment("Table 1 (test)")
            .model("cae-cnn")
            .objective("reconstruction")
            .epochs(3)
            .batchSize(20)
            .learningRate(1e-2)
            .seed(2)
            .paper(java.util.Map.of("F1", 84.76))
            .series("CAE")
            .evaluation("anomaly")
            .build();
    INDArray test = Nd4j.concat(0, images(20, false, 3), images(20, true, 4));
    int[] labels = new int[40];
    java.util.Arrays.fill(labels, 20, 40, 1);
    List<String> log = new java.util.ArrayList<>();

    org.delvm.benchmark.report.CellResult r =
        new AnomalyCellRunner(log::add)
            .run(
                cell,
                new AnomalyCellRunner.AnomalyData(
                    images(60, false, 1),
                    images(60, true, 2),
                    test,
                    labels,
                    new CellModels.InputShape(1, 6, 6),
                    org.delvm.benchmark.datasets.EcgProtocol.PROJECT));

    assertEquals("completed", r.status(), r.message());
    java.util.Map<String, Double> m = new java.util.HashMap<>();
    r.metrics().forEach(x -> m.put(x.name(), x.value()));
    assertEquals(100.0, m.get("F1"), 1e-9, m.toString());
    org.junit.jupiter.api.Assertions.assertTrue(
        m.containsKey("threshold (histogram crossing of labelled training RE)"), m.toString());
    org.junit.jupiter.api.Assertions.assertTrue(
        r.message().contains("uses the labels"), r.message());
    org.junit.jupiter.api.Assertions.assertTrue(
        r.settings().get("positive class").contains("airplane"), r.settings().toString());
  }
}
