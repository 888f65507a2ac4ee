package org.delvm.benchmark.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.run.TestCell;
import org.junit.jupiter.api.Test;

class CostModelTest {

  private static Cell cell(String objective, List<Integer> widths, int epochs) {
    return new Cell(
        "c",
        "e",
        "ecg5000",
        1,
        "delvm-mlp",
        widths,
        "relu",
        objective,
        Map.of(),
        epochs,
        100,
        List.of(1e-3),
        1,
        Map.of());
  }

  @Test
  void epochsTimesSamplesTimesPassesTimesPerSampleCost() {
    double perPass = CostModel.PER_PASS + CostModel.PER_MAC * 140 * 2048;
    assertEquals(
        10 * 1639 * 4 * perPass, CostModel.seconds(cell("sm", List.of(2048), 10), 1639), 1e-9);
    assertEquals(
        100 * 1639 * 3 * perPass, CostModel.seconds(cell("cd", List.of(2048), 100), 1639), 1e-9);
    // A deep exact sm costs d + 2 = 142 passes per sample: 2048 x 4 for 10 epochs is half an hour.
    double deep = CostModel.seconds(cell("sm", List.of(2048, 2048, 2048, 2048), 10), 1639);
    assertTrue(deep > 20 * 60 && deep < 60 * 60, deep + " s");
    assertTrue(CostModel.describe(deep).startsWith("estimated 28 min"), CostModel.describe(deep));
    assertTrue(CostModel.describe(4 * 3600).startsWith("estimated 4.0 h"));
  }

  @Test
  void theShippedPlansFitTheirBudgets() {
    assertTrue(estimate("smoke") < 60, "smoke: " + estimate("smoke"));
    // The budget for the default plan is 20 minutes on 2 cores.
    assertTrue(estimate("default") < 20 * 60, "default: " + estimate("default"));
    assertTrue(estimate("paper") > 2 * 3600, "paper: " + estimate("paper"));
  }

  /** As the reproducer estimates: 1639 ECG training beats, an image cell's own subset. */
  private static double estimate(String plan) {
    return new PlanLoader()
        .load(plan).cells().stream()
            .mapToDouble(
                c -> CostModel.seconds(c, c.images() == null ? 1639 : c.images().trainImages()))
            .sum();
  }

  @Test
  void convolutionalCellsCountConvolutionMultiplyAdds() {
    Cell cnn =
        TestCell.image("c", "fashion-mnist", new Cell.ImageSubset(1000, 500, 5))
            .hiddenUnits(List.of(70))
            .kernels(List.of(5))
            .build();
    // 1 x 25 x 70 x 784 multiply-adds per pass, 4 passes: about 2 ms per image, as measured.
    double perImage = CostModel.seconds(cnn, 1);
    assertEquals(
        4 * (CostModel.PER_PASS + CostModel.PER_CONV_MAC * 25 * 70 * 784), perImage, 1e-12);
    assertTrue(perImage > 1.5e-3 && perImage < 3e-3, "seconds per image " + perImage);
  }
}
