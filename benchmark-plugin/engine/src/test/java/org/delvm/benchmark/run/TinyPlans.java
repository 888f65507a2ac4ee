package org.delvm.benchmark.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Cell;

/** Cells small enough for tests, on the bundled ECG5000, offline. */
public final class TinyPlans {

  private TinyPlans() {}

  public static Cell cell(
      String id, String objective, double learningRate, int hidden, int epochs) {
    return new Cell(
        id,
        "Fig. 7 (tiny)",
        "ecg5000",
        7,
        "delvm-mlp",
        List.of(hidden),
        "relu",
        objective,
        Map.of(),
        epochs,
        100,
        List.of(learningRate),
        3,
        Map.of("F1", 94.81, "precision", 90.57, "recall", 99.46));
  }

  public static Cell cell(String id) {
    return cell(id, "sm", 1e-3, 8, 1);
  }

  public static FetchSettings offline(Path cache) {
    return FetchSettings.builder().cacheDirectory(cache).offline(true).log(line -> {}).build();
  }
}
