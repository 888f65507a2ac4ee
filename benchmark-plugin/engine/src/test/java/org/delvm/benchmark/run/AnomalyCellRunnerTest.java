package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.delvm.benchmark.evaluate.ThresholdSweep;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.report.CellStatus;
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

  @Test
  void aProtocolCellSweepsTheThresholdAndItsMainRuleIsTheSweepsFirstStandardDeviation() {
    java.util.Random random = new java.util.Random(3);
    float[][] train = new float[200][8];
    float[][] test = new float[100][8];
    int[] labels = new int[100];
    for (int i = 0; i < 200; i++) {
      for (int j = 0; j < 8; j++) {
        train[i][j] = 0.5f + 0.05f * (float) random.nextGaussian();
      }
    }
    for (int i = 0; i < 100; i++) {
      labels[i] = i < 60 ? 1 : 0; // tf-tutorial: positive = the trained (normal) class
      for (int j = 0; j < 8; j++) {
        test[i][j] = (labels[i] == 1 ? 0.5f : 0.9f) + 0.05f * (float) random.nextGaussian();
      }
    }
    org.delvm.benchmark.plan.Cell cell =
        TestCell.ecg("tf")
            .experiment("ECG protocols (test)")
            .objective("reconstruction")
            .model("ae-mlp")
            .epochs(2)
            .seed(1)
            .protocol("tf-tutorial")
            .paper(java.util.Map.of("true positives", 55.0))
            .build();
    var result =
        new AnomalyCellRunner(line -> {})
            .run(
                cell,
                AnomalyCellRunner.AnomalyData.of(
                    train, test, labels, org.delvm.benchmark.datasets.EcgProtocol.TF_TUTORIAL));

    java.util.Map<String, Double> m = new java.util.HashMap<>();
    result.metrics().forEach(x -> m.put(x.name(), x.value()));
    assertEquals(
        24, m.keySet().stream().filter(k -> k.contains("(k ")).count(), m.keySet().toString());
    for (String count : List.of("true positives", "false positives", "false negatives")) {
      assertEquals(m.get(count), m.get(ThresholdSweep.name(count, 1, "squared error")), count);
    }
    assertEquals(
        55.0,
        result.metrics().stream()
            .filter(
                x ->
                    x.name()
                        .equals(ThresholdSweep.name("true positives", 2, "mean absolute error")))
            .findFirst()
            .orElseThrow()
            .paper());
  }

  @Test
  void aCdTrainedDelvmRecordsTheCollapseDiagnosticsOfEveryEpoch() {
    java.util.Random random = new java.util.Random(5);
    float[][] train = new float[200][8];
    float[][] test = new float[50][8];
    int[] labels = new int[50];
    for (float[][] rows : List.of(train, test)) {
      for (float[] row : rows) {
        for (int j = 0; j < 8; j++) {
          row[j] = 0.5f + 0.1f * (float) random.nextGaussian();
        }
      }
    }
    labels[0] = 1;
    org.delvm.benchmark.plan.Cell cell =
        TestCell.ecg("cd").objective("cd").epochs(2).seed(1).build();

    var result =
        new AnomalyCellRunner(line -> {})
            .run(
                cell,
                AnomalyCellRunner.AnomalyData.of(
                    train, test, labels, org.delvm.benchmark.datasets.EcgProtocol.PROJECT));

    java.util.Map<String, Double> m = new java.util.HashMap<>();
    result.metrics().forEach(x -> m.put(x.name(), x.value()));
    for (int epoch = 1; epoch <= 2; epoch++) {
      Double active =
          m.get(org.delvm.benchmark.report.CollapseDiagnostics.name("active units of f", epoch));
      Double norm = m.get(org.delvm.benchmark.report.CollapseDiagnostics.name("||J||2 max", epoch));
      org.junit.jupiter.api.Assertions.assertNotNull(active, m.keySet().toString());
      org.junit.jupiter.api.Assertions.assertTrue(active >= 0 && active <= 100, "" + active);
      org.junit.jupiter.api.Assertions.assertTrue(norm > 0 && Double.isFinite(norm), "" + norm);
    }
    org.junit.jupiter.api.Assertions.assertNull(
        m.get(org.delvm.benchmark.report.CollapseDiagnostics.name("active units of f", 3)));
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

    assertEquals(CellStatus.COMPLETED, r.status(), r.message());
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
