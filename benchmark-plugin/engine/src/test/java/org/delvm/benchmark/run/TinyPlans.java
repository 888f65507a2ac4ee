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
    return cell(id, objective, learningRate, hidden, epochs, 3);
  }

  public static Cell cell(String id) {
    return cell(id, "sm", 1e-3, 8, 1);
  }

  /** {@link #cell(String)} with another seed: one of its replicates. */
  public static Cell replicate(String id, long seed) {
    return cell(id, "sm", 1e-3, 8, 1, seed);
  }

  private static Cell cell(
      String id, String objective, double learningRate, int hidden, int epochs, long seed) {
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
        seed,
        Map.of("F1", 94.81, "precision", 90.57, "recall", 99.46));
  }

  public static FetchSettings offline(Path cache) {
    return FetchSettings.builder().cacheDirectory(cache).offline(true).log(line -> {}).build();
  }
}
