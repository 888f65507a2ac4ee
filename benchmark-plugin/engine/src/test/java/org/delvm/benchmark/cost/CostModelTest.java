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
  void overheadPlusEpochsTimesSamplesTimesPassesTimesTheStepsPerSampleCost() {
    CostModel.Step closedForm = CostModel.Step.DENSE_SM_CLOSED_FORM;
    double perPass = closedForm.perLayer + closedForm.perMultiplyAdd * 140 * 2048;
    assertEquals(
        CostModel.PER_CELL + 10 * 1639 * 4 * perPass,
        CostModel.seconds(cell("sm", List.of(2048), 10), 1639),
        1e-9);
    CostModel.Step dense = CostModel.Step.DENSE;
    assertEquals(
        CostModel.PER_CELL + 100 * 1639 * 3 * (dense.perLayer + dense.perMultiplyAdd * 140 * 2048),
        CostModel.seconds(cell("cd", List.of(2048), 100), 1639),
        1e-9);
    // A deep exact sm costs d + 2 = 142 passes per sample: 256 x 4 for 10 epochs took 55 s.
    double deep = CostModel.seconds(cell("sm", List.of(256, 256, 256, 256), 10), 1639);
    assertTrue(deep > 40 && deep < 70, deep + " s");
    assertTrue(CostModel.describe(4 * 3600).startsWith("estimated 4.0 h"));
  }

  @Test
  void eachKindOfStepHasItsOwnCost() {
    assertEquals(CostModel.Step.DENSE_SM_CLOSED_FORM, step(cell("sm", List.of(512), 1)));
    assertEquals(CostModel.Step.DENSE_SM, step(cell("sm", List.of(512, 512), 1)));
    assertEquals(CostModel.Step.DENSE, step(cell("cd", List.of(512), 1)));
    assertEquals(CostModel.Step.DENSE, step(cell("ssm", List.of(512), 1)));
  }

  private static CostModel.Step step(Cell cell) {
    return CostModel.Step.of(cell, false);
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
  void convolutionalCellsCountConvolutionMultiplyAddsAndTheirProbe() {
    Cell cnn =
        TestCell.image("c", "fashion-mnist", new Cell.ImageSubset(1000, 500, 5))
            .hiddenUnits(List.of(70))
            .kernels(List.of(5))
            .build();
    // 1 x 25 x 70 x 784 multiply-adds per pass, 4 passes, by the closed-form convolution step.
    CostModel.Step step = CostModel.Step.CONVOLUTION_SM_CLOSED_FORM;
    double training = 1000 * 4 * (step.perLayer + step.perMultiplyAdd * 25 * 70 * 784);
    // The probe: 1500 images of 70 x 784 features, 5 epochs.
    double probe = CostModel.PER_PROBE_FEATURE * 1500 * 70 * 784 * 5;
    assertEquals(CostModel.PER_CELL + training + probe, CostModel.seconds(cnn, 1000), 1e-9);
    // The default plan's identical cells of this kind took 2.5 to 5.5 s on the fitting machine.
    double seconds = CostModel.seconds(cnn, 1000);
    assertTrue(seconds > 2.5 && seconds < 5.5, seconds + " s");
  }
}
