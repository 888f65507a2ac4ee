package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;
import org.junit.jupiter.api.Test;

class ObjectiveUsedTest {

  private static Cell cell(String objective, List<Integer> widths) {
    return new Cell(
        "c",
        "e",
        "ecg5000",
        7,
        "delvm-mlp",
        widths,
        "relu",
        objective,
        Map.of(),
        1,
        100,
        List.of(1e-3),
        3,
        Map.of());
  }

  @Test
  void exactSmSaysHowItsTraceIsComputedAndSlicedSmSaysItEstimatesIt() {
    assertTrue(ObjectiveUsed.of(cell("sm", List.of(2048))).contains("closed form (one layer)"));
    assertTrue(ObjectiveUsed.of(cell("sm", List.of(64, 64))).contains("d forward-mode passes"));
    assertTrue(ObjectiveUsed.of(cell("sm-printed", List.of(8))).contains("printed (+) sign"));
    assertTrue(ObjectiveUsed.of(cell("ssm", List.of(8))).startsWith("sliced score matching"));
  }
}
