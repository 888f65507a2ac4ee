package org.delvm.benchmark.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;
import org.junit.jupiter.api.Test;

class SeedAggregationTest {

  private static CellResult result(Cell cell, String status, double f1) {
    return new CellResult(
        cell.id(),
        cell.experiment(),
        cell.dataset(),
        "m",
        cell.objective(),
        Map.of(),
        cell.seed(),
        status,
        "",
        0,
        0,
        List.of(),
        status.equals("completed") ? List.of(new MetricResult("F1", f1, 94.81, "%")) : List.of(),
        cell.series(),
        cell.coordinates());
  }

  private static double metric(CellResult r, String name) {
    return r.metrics().stream()
        .filter(m -> m.name().equals(name))
        .mapToDouble(MetricResult::value)
        .findFirst()
        .orElse(Double.NaN);
  }

  @Test
  void replicatesGetTheMeanAndSampleStdOfTheCompletedSeeds() {
    Cell a = TinyPlans.cell("a-seed1").withIdAndSeed("a-seed1", 1L);
    Cell b = a.withIdAndSeed("a-seed2", 2L);
    Cell c = a.withIdAndSeed("a-seed3", 3L);
    Cell diverged = a.withIdAndSeed("a-seed4", 4L);
    Cell other = TinyPlans.cell("other", "cd", 1e-3, 8, 1);
    List<CellResult> out =
        SeedAggregation.apply(
            List.of(a, b, c, diverged, other),
            List.of(
                result(a, "completed", 90),
                result(b, "completed", 92),
                result(c, "completed", 94),
                result(diverged, "diverged", 0),
                result(other, "completed", 50)));
    for (int i = 0; i < 4; i++) {
      assertEquals(92.0, metric(out.get(i), "F1 (mean of 3 seeds)"), 1e-12);
      assertEquals(2.0, metric(out.get(i), "F1 (std of 3 seeds)"), 1e-12);
    }
    assertEquals(90.0, metric(out.get(0), "F1"), "the per-seed value is kept");
    assertEquals(
        94.81,
        out.get(0).metrics().stream()
            .filter(m -> m.name().equals("F1 (mean of 3 seeds)"))
            .findFirst()
            .get()
            .paper());
    assertEquals(1, out.get(4).metrics().size(), "a cell without replicates is left as it is");
  }
}
