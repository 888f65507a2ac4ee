package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkersTest {

  @TempDir Path dir;

  /** Four cells of different cost, so that the longest-first order differs from the plan's. */
  private static final Plan PLAN =
      new Plan(
          "workers",
          "four cells of mixed cost",
          List.of(
              TinyPlans.cell("a", "sm", 1e-3, 8, 1),
              TinyPlans.cell("b", "ssm", 1e-3, 64, 3),
              TinyPlans.cell("c", "dsm", 1e-3, 16, 2),
              TinyPlans.cell("d", "sm", 1e-3, 32, 2)));

  private List<CellResult> run(String results, int workers) {
    return run(PLAN, results, workers);
  }

  private List<CellResult> run(Plan plan, String results, int workers) {
    List<String> lines = new ArrayList<>();
    Reproducer reproducer =
        new Reproducer(
                TinyPlans.offline(dir.resolve("cache")),
                dir.resolve(results),
                false,
                false,
                RunLog.of(lines::add))
            .computing(new Compute(workers, 1, Duration.ZERO));
    ComputeThreads.apply(1); // the serial run computes on this thread
    try {
      return reproducer.runCells(plan).stream().map(CellOutcome::result).toList();
    } finally {
      ComputeThreads.apply(0);
    }
  }

  @Test
  void twoWorkersStoreExactlyTheNumbersOfASerialRunInPlanOrder() {
    List<CellResult> serial = run("serial", 1);
    List<CellResult> parallel = run("parallel", 2);

    assertEquals(List.of("a", "b", "c", "d"), parallel.stream().map(CellResult::id).toList());
    for (int i = 0; i < serial.size(); i++) {
      assertEquals(CellStatus.COMPLETED, serial.get(i).status(), serial.get(i).message());
      assertEquals(serial.get(i).metrics(), parallel.get(i).metrics(), serial.get(i).id());
      assertEquals(serial.get(i).epochLosses(), parallel.get(i).epochLosses());
      assertEquals(serial.get(i).predictions(), parallel.get(i).predictions());
    }
  }

  @Test
  void theSmokePlanOnTwoWorkersStoresTheNumbersOfASerialRun() {
    Plan smoke = new PlanLoader().load("smoke", List.of());
    List<CellResult> serial = run(smoke, "smoke-serial", 1);
    List<CellResult> parallel = run(smoke, "smoke-parallel", 2);

    assertEquals(ids(serial), ids(parallel));
    long completed = serial.stream().filter(c -> c.status() == CellStatus.COMPLETED).count();
    assertTrue(completed >= 6, "the smoke plan's offline cells ran: " + completed);
    for (int i = 0; i < serial.size(); i++) {
      assertEquals(serial.get(i).status(), parallel.get(i).status(), serial.get(i).id());
      assertEquals(serial.get(i).metrics(), parallel.get(i).metrics(), serial.get(i).id());
      assertEquals(serial.get(i).epochLosses(), parallel.get(i).epochLosses());
    }
  }

  private static List<String> ids(List<CellResult> cells) {
    return cells.stream().map(CellResult::id).toList();
  }

  @Test
  void aWorkerThatRunsOutOfMemoryFailsItsCellAndTheOthersFinish() {
    List<Callable<String>> tasks =
        List.of(
            () -> "first",
            () -> {
              throw new OutOfMemoryError("Physical memory usage is too high");
            },
            () -> "third");

    List<String> outcomes =
        Workers.run(tasks, new double[] {1, 3, 2}, 2, 1, (i, e) -> "failed " + i + ": " + e);

    assertEquals("first", outcomes.get(0));
    assertTrue(outcomes.get(1).startsWith("failed 1: java.lang.OutOfMemoryError"), outcomes.get(1));
    assertEquals("third", outcomes.get(2));
  }

  @Test
  void automaticWorkersFollowTheCoresPerThreadAndTheLargestCellsMemory() {
    assertEquals(1, Workers.automatic(0, 16, 1e12, 1e9)); // ND4J's default already uses every core
    assertEquals(16, Workers.automatic(1, 16, 1e12, 1e9));
    assertEquals(4, Workers.automatic(4, 16, 1e12, 1e9));
    assertEquals(3, Workers.automatic(1, 16, 3.5e9, 1e9)); // three of the largest cell fit
    assertEquals(1, Workers.automatic(1, 16, 0.5e9, 1e9));
    assertEquals(1, Workers.automatic(8, 4, 1e12, 1e9));
  }
}
