package org.delvm.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollapseDiagnosticsTest {

  @TempDir Path dir;

  private static Reproduction withDiagnostics(double[] active, double[] norms) {
    Reproduction rich = Reproductions.rich("CD-DELVM");
    List<CellResult> cells = new ArrayList<>(rich.cells());
    CellResult first = cells.get(0);
    List<MetricResult> metrics = new ArrayList<>(first.metrics());
    for (int e = 1; e <= active.length; e++) {
      metrics.add(
          new MetricResult(
              CollapseDiagnostics.name(CollapseDiagnostics.ACTIVE_UNITS, e),
              active[e - 1],
              null,
              "%"));
      metrics.add(
          new MetricResult(
              CollapseDiagnostics.name(CollapseDiagnostics.JACOBIAN_NORM_MAX, e),
              norms[e - 1],
              null,
              ""));
    }
    cells.set(0, first.withMetrics(metrics));
    return Reproductions.withCells(rich, cells);
  }

  @Test
  void aCellsEpochsBecomeCurvesAndTheReportDrawsThem() throws Exception {
    Reproduction r = withDiagnostics(new double[] {60, 20, 0}, new double[] {1.4, 2.5, 0});

    CollapseDiagnostics.Section section = CollapseDiagnostics.of(r.cells()).orElseThrow();

    assertEquals(1, section.curves().size());
    assertEquals(List.of(60.0, 20.0, 0.0), section.curves().get(0).activeUnits());
    assertEquals(List.of(1.4, 2.5, 0.0), section.curves().get(0).jacobianNormMax());
    new ReportWriter().write(r, dir);
    String html = Files.readString(dir.resolve(ReportWriter.HTML_FILE));
    assertTrue(html.contains("<h2 id=\"collapse\">"), "the section");
    assertTrue(html.contains("CD-trained DELVMs: active units of f"), "the plot");
  }

  @Test
  void withoutDiagnosticsThereIsNoSection() throws Exception {
    Reproduction r = Reproductions.rich("SM-DELVM");
    assertTrue(CollapseDiagnostics.of(r.cells()).isEmpty());
    new ReportWriter().write(r, dir);
    assertFalse(Files.readString(dir.resolve(ReportWriter.HTML_FILE)).contains("id=\"collapse\""));
  }
}
