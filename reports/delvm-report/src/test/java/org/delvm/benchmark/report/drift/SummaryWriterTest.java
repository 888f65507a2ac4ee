package org.delvm.benchmark.report.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryWriterTest {

  private static Reproduction small() {
    return Runs.run(
        Runs.cell(
            "ecg-sm",
            "completed",
            List.of(
                new MetricResult("F1", 93.62, 94.81, "%"),
                new MetricResult("true positives", 389, null, "samples"))),
        Runs.cell("ecg-printed", "diverged", List.of()));
  }

  @Test
  void withoutAGateTheTableHasThePaperBesideTheReproducedNumbers() {
    String md = new SummaryWriter().markdown(small(), null);

    assertEquals(
        """
        ### DELVM reproduction: plan `smoke`

        Run started 2026-11-28T02:00:00Z, 1.5 s.

        | cell | metric | paper | reproduced | difference |
        |:---|:---|---:|---:|---:|
        | `ecg-sm` | F1 | 94.81 | 93.62 | -1.19 |
        | `ecg-sm` | true positives |  | 389 |  |
        | `ecg-printed` | _diverged_ |  |  |  |
        """,
        md);
  }

  @Test
  void withAGateTheTableAddsBaselineAndVerdict(@TempDir Path dir) throws Exception {
    Reproduction base =
        Runs.run(
            Runs.cell(
                "ecg-sm",
                "completed",
                List.of(
                    new MetricResult("F1", 98.62, 94.81, "%"),
                    new MetricResult("true positives", 389, null, "samples"))),
            Runs.cell("ecg-printed", "completed", List.of(new MetricResult("F1", 90, 94.81, "%"))));
    DriftResult drift =
        new DriftChecker()
            .check(
                small(),
                Baseline.from(base),
                List.of(DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, 1, 0)));

    Path file = new SummaryWriter().write(small(), drift, dir);

    assertEquals(dir.resolve("summary.md"), file);
    String md = Files.readString(file);
    assertTrue(md.contains("Drift gate **FAILED** against the baseline of the run started"), md);
    assertTrue(
        md.contains("| cell | metric | paper | reproduced | difference | baseline | verdict |"),
        md);
    assertTrue(
        md.contains("| `ecg-sm` | F1 | 94.81 | 93.62 | -1.19 | 98.62 | **FAIL** (-5, limit -1) |"),
        md);
    assertTrue(md.contains("| `ecg-sm` | true positives |  | 389 |  | 389 | INFO |"), md);
    assertTrue(
        md.contains("| `ecg-printed` | F1 |  | - |  | 90 | **MISSING_NOW** (cell diverged) |"), md);
    assertTrue(md.contains("-Ddelvm.plan=smoke -Ddelvm.updateBaseline=true"), md);
  }
}
