package org.delvm.benchmark.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.delvm.benchmark.plan.Claim;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.ClaimResult.Verdict;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.ReplicateGroup;
import org.delvm.benchmark.report.TestPredictions;
import org.delvm.benchmark.report.stats.Replicates;
import org.delvm.benchmark.report.stats.SampleMetric;
import org.junit.jupiter.api.Test;

class ClaimEvaluatorTest {

  private static final String FIG7 = "Fig. 7: one layer";

  private static int cells; // makes every cell's id unique

  /** Labels of a test set: the first {@code positives} of {@code n} samples are positive. */
  private static int[] labels(int n, int positives) {
    int[] labels = new int[n];
    for (int i = 0; i < positives; i++) {
      labels[i] = 1;
    }
    return labels;
  }

  /**
   * A detector on {@code labels} that misses the first {@code misses} positives, flags no other.
   */
  private static TestPredictions missing(int[] labels, int misses) {
    boolean[] flagged = new boolean[labels.length];
    int missed = 0;
    for (int i = 0; i < labels.length; i++) {
      flagged[i] = labels[i] == 1 && missed++ >= misses;
    }
    return TestPredictions.of(labels, flagged);
  }

  /** A completed cell whose metrics are computed from its predictions. */
  private static CellResult cell(String series, double width, TestPredictions p) {
    List<MetricResult> metrics = new ArrayList<>();
    for (SampleMetric m : SampleMetric.values()) {
      metrics.add(new MetricResult(m.metricName(), m.on(p), null, "%"));
    }
    return new CellResult(
            series + "-" + (int) width + "-" + cells++,
            FIG7,
            "ecg5000",
            "m",
            "sm",
            Map.of(),
            1,
            CellStatus.COMPLETED,
            "",
            0,
            0,
            List.of(),
            metrics,
            series,
            Map.of("hidden units", width))
        .withPredictions(p);
  }

  private static List<ClaimResult> evaluate(Claim claim, CellResult... cells) {
    List<CellResult> results = List.of(cells);
    List<ReplicateGroup> groups =
        results.stream().map(c -> Replicates.aggregate(c.id(), List.of(c))).toList();
    return ClaimEvaluator.evaluate(List.of(claim), groups, results);
  }

  private static Claim dominates(String better, String worse) {
    return new Claim(
        "c",
        "text",
        "dominates",
        "Fig. 7",
        null,
        "hidden units",
        null,
        better,
        worse,
        null,
        null,
        null,
        null);
  }

  private static Claim best(double expected) {
    return new Claim(
        "b",
        "text",
        "best",
        "Fig. 7",
        null,
        "hidden units",
        "SM-DELVM",
        null,
        null,
        null,
        expected,
        null,
        null);
  }

  private static Claim value(double expected, double tolerance) {
    return new Claim(
        "v",
        "text",
        "value",
        "Fig. 7",
        null,
        "hidden units",
        "SM-DELVM",
        null,
        null,
        512.0,
        expected,
        tolerance,
        null);
  }

  @Test
  void cellsDifferingByOneTestSampleAreInconclusive() {
    int[] labels = labels(1000, 400);
    ClaimResult r =
        evaluate(
                dominates("SM-DELVM", "CD-DELVM"),
                cell("SM-DELVM", 512, missing(labels, 20)),
                cell("CD-DELVM", 512, missing(labels, 21)))
            .get(0);
    assertEquals(Verdict.INCONCLUSIVE, r.verdict(), r.reason());
    assertNotNull(r.evidence());
    assertTrue(r.evidence().low() <= 0 && r.evidence().high() > 0, r.reason());
    assertTrue(r.evidence().test().startsWith("paired bootstrap"), r.evidence().test());
    assertEquals(1000, r.evidence().samples());
  }

  @Test
  void aLargeDifferenceOnThousandsOfSamplesIsSupportedAndItsReverseContradicted() {
    int[] labels = labels(4000, 2000);
    CellResult good = cell("SM-DELVM", 512, missing(labels, 100));
    CellResult bad = cell("CD-DELVM", 512, missing(labels, 600));
    ClaimResult forward = evaluate(dominates("SM-DELVM", "CD-DELVM"), good, bad).get(0);
    ClaimResult reverse = evaluate(dominates("CD-DELVM", "SM-DELVM"), good, bad).get(0);
    assertEquals(Verdict.SUPPORTED, forward.verdict(), forward.reason());
    assertTrue(forward.evidence().low() > 0, forward.reason());
    assertEquals(Verdict.CONTRADICTED, reverse.verdict(), reverse.reason());
    assertTrue(reverse.evidence().high() < 0, reverse.reason());
  }

  @Test
  void aFlagEverythingCellMakesTheClaimNotTestable() {
    int[] labels = labels(1000, 400);
    boolean[] all = new boolean[1000];
    java.util.Arrays.fill(all, true);
    ClaimResult r =
        evaluate(
                dominates("SM-DELVM", "CD-DELVM"),
                cell("SM-DELVM", 512, missing(labels, 20)),
                cell("CD-DELVM", 512, TestPredictions.of(labels, all)))
            .get(0);
    assertEquals(Verdict.NOT_TESTABLE, r.verdict());
    assertTrue(r.reason().contains("flags every test sample"), r.reason());
    assertNull(r.evidence());
  }

  @Test
  void aCollapsedCellMakesTheClaimNotTestable() {
    int[] labels = labels(1000, 400);
    CellResult collapsed = cell("CD-DELVM", 512, missing(labels, 300));
    List<MetricResult> metrics = new ArrayList<>(collapsed.metrics());
    metrics.add(new MetricResult("active units of f", 0, null, "%"));
    ClaimResult r =
        evaluate(
                dominates("SM-DELVM", "CD-DELVM"),
                cell("SM-DELVM", 512, missing(labels, 20)),
                collapsed.withMetrics(metrics))
            .get(0);
    assertEquals(Verdict.NOT_TESTABLE, r.verdict());
    assertTrue(r.reason().contains("collapsed"), r.reason());
  }

  @Test
  void aMissingSeriesIsNotTestableWithTheSeriesThatExist() {
    int[] labels = labels(1000, 400);
    ClaimResult r =
        evaluate(dominates("SM-DELVM", "AE"), cell("SM-DELVM", 512, missing(labels, 20))).get(0);
    assertEquals(Verdict.NOT_TESTABLE, r.verdict());
    assertTrue(r.reason().contains("SM-DELVM"), r.reason());
  }

  @Test
  void bestIsSupportedOnlyWhenTheExpectedSettingBeatsEveryOtherClearly() {
    int[] labels = labels(4000, 2000);
    CellResult w512 = cell("SM-DELVM", 512, missing(labels, 100));
    CellResult w256 = cell("SM-DELVM", 256, missing(labels, 500));
    CellResult w1024 = cell("SM-DELVM", 1024, missing(labels, 101));
    assertEquals(Verdict.SUPPORTED, evaluate(best(512), w512, w256).get(0).verdict());
    assertEquals(Verdict.INCONCLUSIVE, evaluate(best(512), w512, w256, w1024).get(0).verdict());
    assertEquals(Verdict.CONTRADICTED, evaluate(best(256), w512, w256).get(0).verdict());
  }

  @Test
  void aValueClaimComparesThePapersNumberWithTheInterval() {
    int[] labels = labels(4000, 2000);
    CellResult cell = cell("SM-DELVM", 512, missing(labels, 200)); // F1 94.74
    assertEquals(Verdict.SUPPORTED, evaluate(value(94.8, 1.0), cell).get(0).verdict());
    assertEquals(Verdict.CONTRADICTED, evaluate(value(99.0, 1.0), cell).get(0).verdict());
    assertEquals(Verdict.INCONCLUSIVE, evaluate(value(95.6, 1.0), cell).get(0).verdict());
  }

  @Test
  void replicatesAcrossSeedsArePairedBySeed() {
    int[] labels = labels(1000, 400);
    Random random = new Random(1);
    List<CellResult> cells = new ArrayList<>();
    for (int seed = 0; seed < 3; seed++) {
      cells.add(cell("SM-DELVM", 512, missing(labels, 20 + random.nextInt(3))));
      cells.add(cell("CD-DELVM", 512, missing(labels, 120 + random.nextInt(3))));
    }
    List<ReplicateGroup> groups =
        List.of(
            Replicates.aggregate("sm", List.of(cells.get(0), cells.get(2), cells.get(4))),
            Replicates.aggregate("cd", List.of(cells.get(1), cells.get(3), cells.get(5))));
    ClaimResult r =
        ClaimEvaluator.evaluate(List.of(dominates("SM-DELVM", "CD-DELVM")), groups, cells).get(0);
    assertEquals(Verdict.SUPPORTED, r.verdict(), r.reason());
    assertEquals(3, r.evidence().replicates());
    assertTrue(r.evidence().test().contains("3 replicate pairs"), r.evidence().test());
  }
}
