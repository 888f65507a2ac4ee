package org.delvm.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportViewTest {

  private final ReportView view = ReportView.of(Reproductions.rich("SM-DELVM"));

  @Test
  void groupsCellsByExperimentInOrderOfAppearance() {
    assertEquals(
        List.of("Fig. 7: ECG5000, F1 against hidden units", "Fig. 8: ECG5000, F1 against layers"),
        view.experiments().stream().map(ReportView.Experiment::name).toList());
    assertEquals(7, view.experiments().get(0).cells());
    assertEquals("F1", view.experiments().get(0).mainMetric());
  }

  @Test
  void aggregatesCellsThatDifferOnlyBySeed() {
    ReportView.Experiment fig7 = view.experiments().get(0);
    // 256 (two seeds), 1024, 2048, CD 512, CD 1024 (failed), printed 2048
    assertEquals(6, fig7.groups().size());
    ReportView.Row sm256 = fig7.groups().get(0).get(0);
    assertEquals(List.of("sm-256-s1", "sm-256-s2"), sm256.cells());
    assertEquals("F1", sm256.metric());
    assertTrue(sm256.main());
    assertEquals(94.0, sm256.mean(), 1e-12);
    // t-interval of 93 and 95: 94 +- t(0.975, 1) * sqrt(2) / sqrt(2) = 94 +- 12.706, cut at 100
    assertEquals(94.0 - 12.7062, sm256.estimate().low(), 1e-3);
    assertEquals(100.0, sm256.estimate().high(), 1e-12);
    assertEquals(2, sm256.replicates());
    assertEquals("hidden units 256, layers 1", sm256.coordinates());
    assertEquals(ReportView.NOT_REPORTED, sm256.status());
    assertNull(sm256.difference());
  }

  @Test
  void statusBandsCompareTheMeanWithThePaper() {
    ReportView.Experiment fig7 = view.experiments().get(0);
    ReportView.Row sm2048 = fig7.groups().get(2).get(0);
    assertEquals(List.of("sm-2048"), sm2048.cells());
    assertEquals(94.5 - 94.81, sm2048.difference(), 1e-12);
    assertEquals(ReportView.REPRODUCED + " (no interval)", sm2048.status());
    // precision has a paper value too: its own row, after the main metric
    ReportView.Row precision = fig7.groups().get(2).get(1);
    assertEquals("precision", precision.metric());
    assertEquals(ReportView.WITHIN_TOLERANCE + " (no interval)", precision.status()); // +1.93
    ReportView.Row cd = fig7.groups().get(3).get(0);
    assertEquals(ReportView.NOT_REPRODUCED + " (no interval)", cd.status()); // 85 vs 90.34
    ReportView.Row failed = fig7.groups().get(4).get(0);
    assertEquals(0, failed.replicates());
    assertTrue(failed.status().contains("failed"), failed.status());
    assertEquals("bad", failed.statusClass());

    assertEquals(ReportView.REPRODUCED, ReportView.status(-1.0));
    assertEquals(ReportView.WITHIN_TOLERANCE, ReportView.status(1.01));
    assertEquals(ReportView.WITHIN_TOLERANCE, ReportView.status(-3.0));
    assertEquals(ReportView.NOT_REPRODUCED, ReportView.status(3.01));
    // Not in percent: relative to the paper's value.
    assertEquals(ReportView.REPRODUCED, ReportView.relativeStatus(-0.0009, 0.009));
    assertEquals(ReportView.WITHIN_TOLERANCE, ReportView.relativeStatus(0.004, 0.009));
    assertEquals(ReportView.NOT_REPRODUCED, ReportView.relativeStatus(30000, 56832));
  }

  /** A protocol cell with confusion counts; the paper implies 557/58/3 (TP/FP/FN). */
  private static CellResult protocolCell(String id, int tp, int fp, int fn, long seed) {
    Map<String, Double> implied =
        Map.of("true positives", 557.0, "false positives", 58.0, "false negatives", 3.0);
    List<MetricResult> metrics = new java.util.ArrayList<>();
    metrics.add(new MetricResult("F1", 100.0 * 2 * tp / (2 * tp + fp + fn), 94.81, "%"));
    metrics.add(new MetricResult("true positives", tp, implied.get("true positives"), "samples"));
    metrics.add(new MetricResult("false positives", fp, implied.get("false positives"), "samples"));
    metrics.add(new MetricResult("false negatives", fn, implied.get("false negatives"), "samples"));
    // One rule of the threshold sweep: k 2 gives the same counts.
    for (String count : List.of("true positives", "false positives", "false negatives")) {
      MetricResult main = metrics.stream().filter(x -> x.name().equals(count)).findFirst().get();
      metrics.add(
          new MetricResult(count + " (k 2, squared error)", main.value(), main.paper(), "samples"));
    }
    return new CellResult(
        id,
        "ECG protocols (" + id + ")",
        "ecg5000",
        "m",
        "sm",
        Map.of(),
        seed,
        CellStatus.COMPLETED,
        "",
        0,
        0,
        List.of(),
        metrics,
        "SM-DELVM",
        Map.of("hidden units", 2048.0));
  }

  @Test
  void theProtocolClosestToThePapersImpliedCountsComesFirst() {
    List<CellResult> cells =
        List.of(
            protocolCell("far", 400, 30, 160, 1),
            protocolCell("far", 410, 32, 150, 2),
            protocolCell("near", 556, 57, 4, 1),
            protocolCell("near", 558, 59, 2, 2));
    List<ReplicateGroup> groups =
        List.of(
            org.delvm.benchmark.report.stats.Replicates.aggregate("far", cells.subList(0, 2)),
            org.delvm.benchmark.report.stats.Replicates.aggregate("near", cells.subList(2, 4)));
    Reproduction r =
        new Reproduction(
            "p", "", "2026-12-06T00:00:00Z", 1, Map.of(), List.of(), cells, List.of(), groups);

    List<ReportView.ProtocolRow> rows = ReportView.of(r).protocolComparison();

    assertEquals(List.of("near", "far"), rows.stream().map(ReportView.ProtocolRow::group).toList());
    assertEquals(0.0, rows.get(0).meanHalfWidthsOutside(), 1e-12, "557/58/3 inside every interval");
    assertTrue(rows.get(1).meanHalfWidthsOutside() > 1);
    assertEquals(List.of("k 2, squared error"), rows.get(0).thresholdsWithinIntervals());
    assertEquals(List.of(), rows.get(1).thresholdsWithinIntervals());
    assertTrue(new ReportWriter().html(r).contains("closest to the paper"));
  }

  @Test
  void thePlotAxisIsTheCoordinateThatVaries() {
    assertEquals("hidden units", view.experiments().get(0).xAxis());
    assertTrue(view.experiments().get(0).logX());
    assertEquals("layers", view.experiments().get(1).xAxis());
    assertTrue(!view.experiments().get(1).logX());
  }

  @Test
  void theSignSectionNamesTheObjectiveCloserToThePaper() {
    ReportView.SignComparison sign = view.signComparison();
    assertNotNull(sign);
    assertEquals(1, sign.pairs().size()); // only 2048 has both objectives
    ReportView.SignPair pair = sign.pairs().get(0);
    assertEquals("hidden units 2048, layers 1", pair.coordinates());
    assertEquals(94.5, pair.sm().mean(), 1e-12);
    assertEquals(60.0, pair.printed().mean(), 1e-12);
    assertEquals(ReportView.SM, sign.closer());
    assertEquals(0.31, sign.smMeanDistance(), 1e-9);
    assertEquals(34.81, sign.printedMeanDistance(), 1e-9);
  }

  @Test
  void theSignSectionCanPickThePrintedSign() {
    Reproduction r =
        new Reproduction(
            "p",
            "",
            "",
            1,
            Map.of(),
            List.of(),
            List.of(
                Reproductions.cell("a", "e", "sm", "SM", 1, 64, 1, 50.0, 94.81),
                Reproductions.cell("b", "e", "sm-printed", "SMP", 1, 64, 1, 94.0, 94.81)),
            List.of(),
            null);
    assertEquals(ReportView.SM_PRINTED, ReportView.of(r).signComparison().closer());
  }

  @Test
  void noSignSectionWithoutBothObjectives() {
    Reproduction r =
        new Reproduction(
            "p",
            "",
            "",
            1,
            Map.of(),
            List.of(),
            List.of(Reproductions.cell("a", "e", "sm", "SM", 1, 64, 1, 50.0, 94.81)),
            List.of(),
            null);
    assertNull(ReportView.of(r).signComparison());
  }

  @Test
  void timingsListEveryCellAndFailuresTheOnesThatDidNotComplete() {
    assertEquals(11, view.timings().size());
    assertEquals(
        List.of("cd-1024"), view.failures().stream().map(ReportView.Timing::cell).toList());
    assertEquals(Map.of("completed", 10L, "failed", 1L), view.statusCounts());
  }

  @Test
  void claimsCarryTheirVerdictAndTheNumbersCompared() {
    List<ReportView.Claim> claims = view.claims();
    assertEquals(2, claims.size());
    assertEquals("SUPPORTED", claims.get(0).verdict());
    assertEquals("ok", claims.get(0).verdictClass());
    assertTrue(claims.get(0).compared().contains("CD-DELVM @ hidden units 512: 85.00"));
    assertEquals("NOT TESTABLE", claims.get(1).verdict());
    assertEquals(Map.of("SUPPORTED", 1L, "NOT TESTABLE", 1L), view.claimCounts());
  }
}
