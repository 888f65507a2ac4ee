package org.delvm.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.report.drift.MetricsJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-cell provenance in metrics.json and the page, and the banner when cells disagree. */
class ProvenanceTest {

  @TempDir Path dir;

  private static Provenance provenance(String commit, String code, String cpu) {
    return new Provenance(
        commit,
        false,
        "0.1.0",
        code,
        Map.of("java", "OpenJDK 17", "os", "Linux", "cpu", cpu, "cores", "2"),
        12.5,
        3L << 30,
        true,
        2L << 30,
        10);
  }

  private static Reproduction with(Provenance... each) {
    Reproduction rich = Reproductions.rich("SM-DELVM");
    List<CellResult> cells = new ArrayList<>();
    for (int i = 0; i < rich.cells().size(); i++) {
      CellResult c = rich.cells().get(i);
      cells.add(i < each.length ? c.withProvenance(each[i]) : c);
    }
    return Reproductions.withCells(rich, cells);
  }

  @Test
  void oneCodeVersionOnOneMachineWarnsOfNothingAndShowsEachCellsProvenance() throws Exception {
    Provenance p = provenance("1a2b3c4d5e6f7a8b", "c0de", "Xeon");
    Reproduction r = with(p, p);

    assertEquals(List.of(), ReportView.of(r).provenanceWarnings());
    new ReportWriter().write(r, dir);
    String html = Files.readString(dir.resolve(ReportWriter.HTML_FILE));
    assertFalse(html.contains("mixed provenance"), "no banner");
    assertTrue(html.contains("1a2b3c4d5e6f"), "the commit");
    assertTrue(
        html.contains("peak RSS 3.0 GiB (the cell&rsquo;s own)")
            || html.contains("peak RSS 3.0 GiB (the cell&#39;s own)"),
        "the peak memory");
    assertTrue(html.contains("<th>cpu</th><td>Xeon</td>"), "the machine");
    assertEquals(
        p, MetricsJson.read(dir.resolve(ReportWriter.METRICS_FILE)).cells().get(0).provenance());
    assertEquals(
        Provenance.NONE,
        MetricsJson.read(dir.resolve(ReportWriter.METRICS_FILE)).cells().get(2).provenance(),
        "a cell without provenance reads back with none");
  }

  @Test
  void theCostModelIsCheckedAgainstEachCellsWallTime() throws Exception {
    Provenance onTime = provenance("1a2b3c4d5e6f7a8b", "c0de", "Xeon"); // 12.5 s for 10 predicted
    Provenance slow =
        new Provenance(
            "1a2b3c4d5e6f7a8b", false, "0.1.0", "c0de", onTime.environment(), 40, 0, false, 0, 10);
    Reproduction r = with(onTime, slow);

    ReportView.CostCheck check = ReportView.of(r).costCheck();

    assertEquals(2, check.cells());
    assertEquals(1, check.within25());
    assertEquals((1.25 + 4.0) / 2, check.medianRatio(), 1e-12);
    new ReportWriter().write(r, dir);
    String html = Files.readString(dir.resolve(ReportWriter.HTML_FILE));
    assertTrue(html.contains("<strong>1 of 2</strong> cell(s) that ran here"), "the summary");
    assertTrue(html.contains("<td class=\"n\">4.00</td>"), "the slow cell's ratio");
  }

  @Test
  void mixedCodeVersionsOrMachinesGetABanner() throws Exception {
    Reproduction r =
        with(
            provenance("1a2b3c4d5e6f7a8b", "c0de", "Xeon"),
            provenance("9f8e7d6c5b4a3f2e", "c0de", "EPYC"));

    List<String> warnings = ReportView.of(r).provenanceWarnings();

    assertEquals(2, warnings.size(), warnings.toString());
    assertTrue(
        warnings.get(0).startsWith("The cells come from 2 code versions: 1a2b3c4d5e6f"),
        warnings.get(0));
    assertTrue(warnings.get(1).contains("2 machines"), warnings.get(1));
    assertTrue(warnings.get(1).contains("cpu EPYC"), warnings.get(1));
    new ReportWriter().write(r, dir);
    String html = Files.readString(dir.resolve(ReportWriter.HTML_FILE));
    assertTrue(
        html.contains(
            "<strong>Warning: mixed provenance.</strong> The cells come from 2 code versions"),
        "the banner");
  }

  @Test
  void aDirtyBuildIsAnotherCodeVersion() {
    Provenance clean = provenance("1a2b3c4d5e6f7a8b", "c0de", "Xeon");
    Provenance dirty =
        new Provenance(
            "1a2b3c4d5e6f7a8b", true, "0.1.0", "c0de", clean.environment(), 1, 0, false, 0, 0);

    assertEquals("1a2b3c4d5e6f (dirty)", dirty.codeVersion());
    assertEquals(
        "plugin 0.1.0",
        new Provenance("", false, "0.1.0", "c0de", Map.of(), 1, 0, false, 0, 0).codeVersion());
    assertEquals(1, ReportView.of(with(clean, dirty)).provenanceWarnings().size());
    assertTrue(dirty.memory().startsWith("peak RSS unknown;"), dirty.memory());
  }
}
