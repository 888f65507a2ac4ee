package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellTimeoutTest {

  @TempDir Path dir;

  @Test
  void aCellPastItsLimitFailsAfterTheEpochWithTheReasonAndTheNextCellStillRuns() {
    Plan plan =
        new Plan(
            "limited",
            "a slow cell, then a quick one",
            List.of(TinyPlans.cell("slow", "sm", 1e-3, 16, 50), TinyPlans.cell("quick")));
    Reproducer limited =
        new Reproducer(
                TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), false, l -> {})
            .computing(new Compute(1, 0, Duration.ofMillis(1)));

    List<CellResult> cells = limited.runCells(plan).stream().map(CellOutcome::result).toList();

    assertEquals(CellStatus.FAILED, cells.get(0).status());
    assertTrue(cells.get(0).message().startsWith("stopped after epoch 1"), cells.get(0).message());
    assertTrue(cells.get(0).message().contains("-Ddelvm.cellTimeout"), cells.get(0).message());
    // The quick cell's one epoch also ends past 1 ms: it fails the same way, and is still run.
    assertEquals(CellStatus.FAILED, cells.get(1).status());

    List<CellResult> unlimited =
        new Reproducer(
                TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), false, l -> {})
                .computing(Compute.SERIAL)
                .runCells(new Plan("limited", "", List.of(TinyPlans.cell("quick"))))
                .stream()
                .map(CellOutcome::result)
                .toList();
    assertEquals(CellStatus.COMPLETED, unlimited.get(0).status(), unlimited.get(0).message());
  }
}
