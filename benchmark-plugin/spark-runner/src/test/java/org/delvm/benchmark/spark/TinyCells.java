package org.delvm.benchmark.spark;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;

/** Cells small enough for tests, on the bundled ECG5000. */
final class TinyCells {

  private TinyCells() {}

  static Cell cell(String id, String objective, List<Integer> hidden, int epochs, long seed) {
    return new Cell(
        id,
        "Fig. 7 (tiny)",
        "ecg5000",
        7L,
        "delvm-mlp",
        hidden,
        "relu",
        objective,
        Map.of(),
        epochs,
        100,
        List.of(1e-3),
        seed,
        Map.of("F1", 94.81));
  }

  static Cell cell(String id) {
    return cell(id, "sm", List.of(8), 1, 3);
  }
}
