package org.delvm.benchmark.report.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.DatasetRecord;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonTest {

  @Test
  void readsBackWhatReportWriterWrote(@TempDir Path dir) throws Exception {
    Reproduction usual = Runs.with(Runs.usual(), "precision", Double.NaN);
    Reproduction run =
        new Reproduction(
            usual.plan(),
            usual.planDescription(),
            usual.startedAt(),
            usual.wallSeconds(),
            usual.environment(),
            List.of(
                new DatasetRecord(
                    "ecg5000",
                    "ECG5000",
                    false,
                    "",
                    List.of(new DatasetRecord.FileRecord("a.txt", 3, "abc", "bundled")),
                    Map.of("seed", "2023"))),
            usual.cells(),
            List.of(
                new ClaimResult(
                    "fig7-sm-beats-cd",
                    "Fig. 7: SM-DELVM F1 > CD-DELVM F1 at every width",
                    ClaimResult.Verdict.CONTRADICTED,
                    "at hidden units 64: 80.0 <= 85.0",
                    Map.of("SM-DELVM @ hidden units 64", 80.0),
                    null)),
            null);
    Path file = dir.resolve("metrics.json");
    String json = new ReportWriter().metricsJson(run);
    Files.writeString(file, json);

    assertEquals(run, MetricsJson.read(file));
    assertFalse(json.contains("difference"), "metrics.json holds no derived fields");
  }

  @Test
  void aMissingFileSaysToRunTheReproductionFirst(@TempDir Path dir) {
    ReportException e =
        assertThrows(ReportException.class, () -> MetricsJson.read(dir.resolve("metrics.json")));
    assertTrue(e.getMessage().contains("run the reproduction first"), e.getMessage());
  }
}
