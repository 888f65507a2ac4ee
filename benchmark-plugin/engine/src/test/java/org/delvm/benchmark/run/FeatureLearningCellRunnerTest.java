package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.delvm.benchmark.datasets.ImageSplits;
import org.delvm.benchmark.datasets.LabelledImages;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureLearningCellRunnerTest {

  @TempDir Path scratch;

  /** 1 x 8 x 8 images of a noisy vertical (class 0) or horizontal (class 1) bar. */
  static LabelledImages bars(int n, long seed) {
    Random random = new Random(seed);
    float[][] pixels = new float[n][64];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = i % 2;
      int line = random.nextInt(8);
      for (int p = 0; p < 64; p++) {
        int row = p / 8;
        int col = p % 8;
        boolean on = labels[i] == 0 ? col == line : row == line;
        pixels[i][p] = (on ? 1f : 0f) + 0.1f * (float) random.nextGaussian();
      }
    }
    return new LabelledImages(pixels, labels, 1, 8, 8, "bars");
  }

  /** A one-layer, 4-filter CNN DELVM cell on 300 training and 100 test bar images. */
  private static Cell barsCell(String dataset, Map<String, Double> paper) {
    return TestCell.image("bars-sm", dataset, new Cell.ImageSubset(300, 100, 5))
        .experiment("Fig. 1 (test)")
        .hiddenUnits(List.of(4))
        .epochs(2)
        .batchSize(50)
        .seed(5)
        .paper(paper)
        .build();
  }

  @Test
  void learnsFeaturesThatSeparateTheClasses() {
    List<String> log = new ArrayList<>();
    Cell spec = barsCell("bars", Map.of("accuracy", 90.0));
    CellResult r =
        new FeatureLearningCellRunner(scratch, log::add)
            .run(spec, bars(300, 1L), bars(100, 2L), List.of("vertical", "horizontal"));

    assertEquals(CellStatus.COMPLETED, r.status(), r.message());
    MetricResult accuracy = r.metrics().get(0);
    assertEquals("accuracy", accuracy.name());
    assertEquals(90.0, accuracy.paper());
    assertTrue(accuracy.value() > 80, "accuracy " + accuracy.value());
    assertEquals(4.0 * 4 * 4, r.metrics().get(3).value(), "4 maps of 4x4 after pooling");
    assertEquals(Map.of("filters", 4.0, "kernel size", 3.0, "layers", 1.0), r.coordinates());
    assertTrue(log.stream().anyMatch(l -> l.contains("accuracy")), log.toString());
    assertEquals(
        0, scratch.toFile().list().length, "the feature files are deleted after the probe");
  }

  @Test
  void theRawPixelControlProbesThePixelsOfTheSameImages() {
    Cell cell = barsCell("fashion-mnist", Map.of());

    CellResult control =
        ImageCells.rawPixelControl(cell, new ImageSplits(bars(300, 1L), bars(100, 2L)));

    assertEquals("fashion-mnist-s1-n300x100-probe5-control-raw-pixels", control.id());
    assertEquals(ImageCells.CONTROL_EXPERIMENT, control.experiment());
    assertEquals("accuracy", control.metrics().get(0).name());
    assertTrue(control.metrics().get(0).value() > 60, control.metrics().toString());
    assertEquals(
        64.0,
        control.metrics().stream()
            .filter(m -> m.name().equals("features per image"))
            .findFirst()
            .get()
            .value());
  }

  @Test
  void subsetsAreSeededAndStandardisationUsesTrainingStatistics() {
    LabelledImages all = bars(50, 3L);
    LabelledImages a = ImageDatasets.subset(all, 10, 7L);
    LabelledImages b = ImageDatasets.subset(all, 10, 7L);
    assertEquals(10, a.size());
    assertTrue(java.util.Arrays.equals(a.labels(), b.labels()));
    ImageSplits s = ImageDatasets.standardised(new ImageSplits(all, a));
    double mean = 0;
    for (float[] image : s.train().pixels()) {
      for (float v : image) {
        mean += v;
      }
    }
    assertEquals(0.0, mean / (50 * 64), 1e-5);
  }
}
