package org.delvm.benchmark.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path on the bundled ECG5000, offline, with a tiny model. */
class ReproducerTest {

  private static Cell cell(String id, String objective, double learningRate) {
    return new Cell(
        id,
        "Fig. 7 (tiny)",
        "ecg5000",
        7,
        "delvm-mlp",
        List.of(16),
        objective,
        1,
        100,
        List.of(learningRate),
        3,
        Map.of("F1", 94.81));
  }

  @Test
  void runsEveryCellAndWritesTheReport(@TempDir Path dir) throws Exception {
    List<String> log = new ArrayList<>();
    FetchSettings fetch =
        FetchSettings.builder().cacheDirectory(dir.resolve("cache")).offline(true).build();
    Plan plan =
        new Plan(
            "tiny",
            "test plan",
            List.of(cell("sm", "sm", 1e-3), cell("exploding", "sm-printed", 1e9)));

    Reproduction r = new Reproducer(fetch, log::add).run(plan, dir.resolve("report"));

    CellResult sm = r.cells().get(0);
    assertEquals("completed", sm.status());
    MetricResult f1 = sm.metrics().stream().filter(m -> m.name().equals("F1")).findFirst().get();
    assertTrue(f1.value() > 0 && f1.value() <= 100, "F1 " + f1.value());
    assertEquals(94.81, f1.paper());
    CellResult exploding = r.cells().get(1);
    assertEquals("diverged", exploding.status(), exploding.message());
    assertTrue(exploding.metrics().isEmpty());
    assertEquals("bundled", r.datasets().get(0).files().get(0).source());
    assertTrue(
        r.datasets().get(0).protocol().get("split (seed 7)").contains("train 1639 normal"),
        r.datasets().get(0).protocol().toString());
    assertTrue(Files.size(dir.resolve("report/index.html")) > 0);
    assertTrue(Files.readString(dir.resolve("report/metrics.json")).contains("\"tiny\""));
    assertTrue(log.stream().anyMatch(l -> l.contains("cell sm: epoch 1/1")), log.toString());
  }
}
