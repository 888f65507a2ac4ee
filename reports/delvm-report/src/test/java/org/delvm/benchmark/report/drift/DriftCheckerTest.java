package org.delvm.benchmark.report.drift;

import static org.delvm.benchmark.report.drift.Runs.CELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;

class DriftCheckerTest {

  private final DriftChecker checker = new DriftChecker();

  private static Verdict verdict(DriftResult result, String metric) {
    return result.row(Baseline.key(CELL, metric)).orElseThrow().verdict();
  }

  @Test
  void anUnchangedRunPasses() {
    Reproduction run = Runs.usual();
    DriftResult result = checker.check(run, Baseline.from(run), Runs.rules());

    assertTrue(result.passed(), result.summaryLine());
    assertEquals(8, result.rows().size());
    assertEquals(Verdict.PASS, verdict(result, "F1"));
    assertEquals(Verdict.PASS, verdict(result, "threshold (mean + std of training RE)"));
    assertEquals(Verdict.INFO, verdict(result, "true positives"), "counts have no rule");
    assertTrue(result.summaryLine().startsWith("Drift gate PASSED"), result.summaryLine());
  }

  @Test
  void namesTheEnvironmentFactsThatDifferFromTheBaselinesRun() {
    Reproduction base = Runs.usual();
    Reproduction now =
        new Reproduction(
            base.plan(),
            base.planDescription(),
            base.startedAt(),
            base.wallSeconds(),
            java.util.Map.of("java", "21", "compute threads", "OpenMP 1"),
            base.datasets(),
            base.cells(),
            base.claims());

    DriftResult result = checker.check(now, Baseline.from(base), Runs.rules());

    assertTrue(result.passed(), "an environment change alone fails nothing");
    assertEquals(List.of("java: baseline 17, this run 21"), result.environmentChanges());
    assertTrue(
        new SummaryWriter()
            .markdown(now, result)
            .contains(
                "The environment differs from the baseline's (numbers can move with it:"
                    + " java: baseline 17, this run 21)"));
    assertEquals(
        List.of(), checker.check(base, Baseline.from(base), Runs.rules()).environmentChanges());
  }

  @Test
  void anF1DropOfFivePointsFailsAndTheTableSaysByHowMuch() {
    Reproduction base = Runs.usual();
    double f1 = base.cells().get(0).metrics().get(2).value();
    Reproduction now = Runs.with(base, "F1", f1 - 5);

    DriftResult result = checker.check(now, Baseline.from(base), Runs.rules());

    assertFalse(result.passed());
    DriftRow row = result.failures().get(0);
    assertEquals(Baseline.key(CELL, "F1"), row.key());
    assertEquals(Verdict.FAIL, row.verdict());
    assertEquals(-5.0, row.change(), 1e-9);
    assertEquals(1.0, row.limit(), 1e-12);
    List<String> table = result.textTable();
    assertTrue(
        table.get(0).matches("metric +baseline +now +change +limit +verdict +note"), table.get(0));
    String line = table.get(1 + result.rows().indexOf(row));
    assertTrue(
        line.matches(
            "ecg-sm/F1 +"
                + String.format("%.2f", f1)
                + " +"
                + String.format("%.2f", f1 - 5)
                + " +-5(\\.00)? +-1 +FAIL +beyond the limit"),
        line);
    assertTrue(result.summaryLine().startsWith("Drift gate FAILED"), result.summaryLine());
    assertTrue(
        row.describe().matches("ecg-sm/F1 [0-9.]+ -> [0-9.]+ \\(limit -1, beyond the limit\\)"),
        row.describe());
  }

  @Test
  void aDropInsideToleranceButBeyondTheWarnLevelWarnsAndPasses() {
    Reproduction base = Runs.usual();
    double precision = base.cells().get(0).metrics().get(0).value();
    DriftResult result =
        checker.check(
            Runs.with(base, "precision", precision - 0.7), Baseline.from(base), Runs.rules());

    assertTrue(result.passed());
    assertEquals(Verdict.WARN, verdict(result, "precision"));
    assertEquals(1, result.count(Verdict.WARN));
  }

  @Test
  void aSmallDropInsideTheWarnLevelPasses() {
    Reproduction base = Runs.usual();
    double recall = base.cells().get(0).metrics().get(1).value();
    DriftResult result =
        checker.check(Runs.with(base, "recall", recall - 0.3), Baseline.from(base), Runs.rules());
    assertEquals(Verdict.PASS, verdict(result, "recall"));
  }

  @Test
  void anImprovementPassesAndIsShown() {
    Reproduction base = Runs.usual();
    double f1 = base.cells().get(0).metrics().get(2).value();
    DriftResult result =
        checker.check(Runs.with(base, "F1", f1 + 2), Baseline.from(base), Runs.rules());

    assertTrue(result.passed());
    assertEquals(Verdict.IMPROVED, verdict(result, "F1"));
  }

  @Test
  void aThresholdMovingEitherWayBeyondFivePercentFails() {
    Reproduction base = Runs.usual();
    String t = "threshold (mean + std of training RE)";
    assertEquals(
        Verdict.FAIL,
        verdict(
            checker.check(Runs.with(base, t, 0.3168 * 1.06), Baseline.from(base), Runs.rules()),
            t));
    assertEquals(
        Verdict.FAIL,
        verdict(
            checker.check(Runs.with(base, t, 0.3168 * 0.94), Baseline.from(base), Runs.rules()),
            t));
    assertEquals(
        Verdict.WARN,
        verdict(
            checker.check(Runs.with(base, t, 0.3168 * 0.97), Baseline.from(base), Runs.rules()),
            t));
  }

  @Test
  void missingAndNewMetricsAreReportedAndMissingFails() {
    Reproduction base = Runs.usual();
    Reproduction now =
        Runs.run(
            Runs.cell(CELL, "completed", Runs.usual().cells().get(0).metrics().subList(1, 8)),
            Runs.cell("ecg-new", "completed", Runs.anomalyMetrics(380, 40, 566, 14)));

    DriftResult result = checker.check(now, Baseline.from(base), Runs.rules());

    DriftRow missing = result.row(Baseline.key(CELL, "precision")).orElseThrow();
    assertEquals(Verdict.MISSING_NOW, missing.verdict());
    assertTrue(missing.failsGate(), "a metric that disappears is a regression");
    assertEquals("metric no longer reported", missing.note());
    assertEquals(8, result.count(Verdict.NEW));
    assertFalse(result.row("ecg-new/F1").orElseThrow().failsGate());
    assertFalse(result.passed());
    assertTrue(String.join("\n", result.textTable()).contains("MISSING_NOW"));
  }

  @Test
  void aCellSkippedForWantOfItsDatasetDoesNotFail() {
    Reproduction now = Runs.run(Runs.cell(CELL, "skipped", List.of()));

    DriftResult result = checker.check(now, Baseline.from(Runs.usual()), Runs.rules());

    assertTrue(result.passed());
    DriftRow row = result.row(Baseline.key(CELL, "F1")).orElseThrow();
    assertEquals(Verdict.MISSING_NOW, row.verdict());
    assertFalse(row.failsGate());
    assertEquals("cell skipped, its dataset could not be had: not a failure", row.note());
  }

  @Test
  void aDivergedCellFailsWithItsMetricsMissing() {
    Reproduction base = Runs.usual();
    Reproduction now = Runs.run(Runs.cell(CELL, "diverged", List.of()));

    DriftResult result = checker.check(now, Baseline.from(base), Runs.rules());

    assertFalse(result.passed());
    assertEquals(8, result.failures().size());
    assertEquals("cell diverged", result.failures().get(0).note());
  }

  @Test
  void metricsOfACellNotInThisRunsPlanAreMissingButDoNotFail() {
    Reproduction base =
        Runs.run(
            Runs.cell(CELL, "completed", Runs.anomalyMetrics(389, 48, 558, 5)),
            Runs.cell("ecg-dropped", "completed", Runs.anomalyMetrics(380, 40, 566, 14)));

    DriftResult result = checker.check(Runs.usual(), Baseline.from(base), Runs.rules());

    DriftRow row = result.row("ecg-dropped/F1").orElseThrow();
    assertEquals(Verdict.MISSING_NOW, row.verdict());
    assertEquals("ecg-dropped", row.cellId());
    assertEquals("F1", row.metric());
    assertFalse(row.failsGate());
    assertEquals("cell not in this run's plan: not a failure", row.note());
    assertTrue(result.passed());
  }

  @Test
  void theOneSampleStepIsTheFloorOfTheTolerance() {
    // TP + FN = 10: one anomaly more or less found moves recall by 10 points.
    Reproduction base = Runs.run(Runs.cell(CELL, "completed", Runs.anomalyMetrics(8, 2, 88, 2)));
    Baseline baseline = Baseline.from(base);
    assertEquals(10.0, baseline.oneSampleStep(Baseline.key(CELL, "recall")), 1e-12);
    assertEquals(10.0, baseline.oneSampleStep(Baseline.key(CELL, "precision")), 1e-12);
    assertEquals(10.0, baseline.oneSampleStep(Baseline.key(CELL, "F1")), 1e-12);

    // Recall 80 -> 70: one sample, 10 points, far beyond the rule's 1 point but not a failure.
    DriftResult oneSample = checker.check(Runs.with(base, "recall", 70.0), baseline, Runs.rules());
    DriftRow row = oneSample.row(Baseline.key(CELL, "recall")).orElseThrow();
    assertEquals(10.0, row.limit(), 1e-12);
    assertEquals(Verdict.WARN, row.verdict());
    assertTrue(row.note().contains("tolerance = one test sample"), row.note());

    // Two samples (20 points) fail.
    DriftResult twoSamples = checker.check(Runs.with(base, "recall", 60.0), baseline, Runs.rules());
    assertEquals(Verdict.FAIL, verdict(twoSamples, "recall"));
  }

  @Test
  void undefinedNowAfterANumberInTheBaselineFails() {
    Reproduction base = Runs.usual();
    DriftResult result =
        checker.check(Runs.with(base, "precision", Double.NaN), Baseline.from(base), Runs.rules());

    DriftRow row = result.row(Baseline.key(CELL, "precision")).orElseThrow();
    assertEquals(Verdict.FAIL, row.verdict());
    assertEquals("undefined now", row.note());
    String line = result.textTable().get(1 + result.rows().indexOf(row));
    assertTrue(line.contains("undefined"), line);
  }

  @Test
  void undefinedInBothPassesAndANumberAfterUndefinedWarns() {
    Reproduction undefined = Runs.with(Runs.usual(), "precision", Double.NaN);
    Baseline baseline = Baseline.from(undefined);
    assertEquals(
        Verdict.PASS, verdict(checker.check(undefined, baseline, Runs.rules()), "precision"));
    assertEquals(
        Verdict.WARN, verdict(checker.check(Runs.usual(), baseline, Runs.rules()), "precision"));
  }

  @Test
  void theFirstMatchingRuleAppliesAndUnmatchedMetricsNeverFail() {
    Reproduction base = Runs.usual();
    Reproduction now = Runs.with(Runs.with(base, "F1", 50.0), "true positives", 10);
    List<DriftRule> rules =
        List.of(
            DriftRule.of("ecg-sm/F1", Direction.BOTH, 100, 0),
            DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, 1, 0));

    DriftResult result = checker.check(now, Baseline.from(base), rules);

    assertEquals(Verdict.PASS, verdict(result, "F1"));
    assertEquals(Verdict.INFO, verdict(result, "true positives"));
    assertTrue(result.passed());
  }

  @Test
  void levelsAreConfigurable() {
    Reproduction base = Runs.usual();
    double f1 = base.cells().get(0).metrics().get(2).value();
    List<DriftRule> rules =
        List.of(DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, 1, 0).withLevels(1, 2));
    DriftResult result = checker.check(Runs.with(base, "F1", f1 - 1.5), Baseline.from(base), rules);
    assertEquals(Verdict.WARN, verdict(result, "F1"));
    assertEquals(2.0, result.row(Baseline.key(CELL, "F1")).orElseThrow().limit(), 1e-12);
  }

  @Test
  void lowerIsBetterFailsOnARise() {
    Reproduction base = Runs.usual();
    List<DriftRule> rules =
        List.of(DriftRule.of("*/false positives", Direction.LOWER_IS_BETTER, 3, 0));
    assertEquals(
        Verdict.FAIL,
        verdict(
            checker.check(Runs.with(base, "false positives", 52), Baseline.from(base), rules),
            "false positives"));
    assertEquals(
        Verdict.IMPROVED,
        verdict(
            checker.check(Runs.with(base, "false positives", 44), Baseline.from(base), rules),
            "false positives"));
  }

  @Test
  void invalidRulesAreRejectedWithTheRuleNamed() {
    DriftRule rule = DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, -1, 0);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> checker.check(Runs.usual(), Baseline.from(Runs.usual()), List.of(rule)));
    assertTrue(e.getMessage().contains("*/F1"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new DriftRule().validate());
    assertThrows(
        IllegalArgumentException.class,
        () -> DriftRule.of("x", Direction.BOTH, 1, 0).withLevels(2, 1).validate());
  }

  @Test
  void globsMatchTheWholeKey() {
    DriftRule rule = DriftRule.of("*/threshold*", Direction.BOTH, 0, 0.05);
    assertTrue(rule.matches("ecg-sm/threshold (mean + std of training RE)"));
    assertFalse(rule.matches("ecg-sm/F1"));
    assertTrue(DriftRule.of("ecg-?m/F1", Direction.BOTH, 0, 0).matches("ecg-sm/F1"));
    assertFalse(DriftRule.of("*/F1", Direction.BOTH, 0, 0).matches("ecg-sm/F1 (macro)"));
    assertTrue(DriftRule.of("a.b/(x)", Direction.BOTH, 0, 0).matches("a.b/(x)"), "no regex");
  }
}
