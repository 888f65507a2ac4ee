package org.delvm.benchmark.report.drift;

import static org.delvm.benchmark.report.drift.Runs.CELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;

class DriftCheckerTest {

  private static final GatePolicy POLICY = new GatePolicy(false, false);

  private final DriftChecker checker = new DriftChecker();

  private static Verdict verdict(DriftResult result, String metric) {
    return result.row(Baseline.key(CELL, metric)).orElseThrow().verdict();
  }

  @Test
  void anUnchangedRunPasses() {
    Reproduction run = Runs.usual();
    DriftResult result = checker.check(run, Baseline.from(run), Runs.rules());

    assertTrue(result.passed(), result.summaryLine(POLICY.outcome(result)));
    assertEquals(8, result.rows().size());
    assertEquals(Verdict.PASS, verdict(result, "F1"));
    assertEquals(Verdict.PASS, verdict(result, "threshold (mean + std of training RE)"));
    assertEquals(Verdict.INFO, verdict(result, "true positives"), "counts have no rule");
    assertTrue(
        result.summaryLine(POLICY.outcome(result)).startsWith("Drift gate PASSED"),
        result.summaryLine(POLICY.outcome(result)));
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
            base.claims(),
            null);

    DriftResult result = checker.check(now, Baseline.from(base), Runs.rules());

    assertTrue(result.passed(), "an environment change alone fails nothing");
    assertEquals(List.of("java: baseline 17, this run 21"), result.environmentChanges());
    assertTrue(
        new SummaryWriter()
            .markdown(now, result, GatePolicy.Outcome.PASSED, "")
            .contains(
                "The environment differs from the baseline's (numbers can move with it): java:"
                    + " baseline 17, this run 21."));
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
    assertTrue(
        result.summaryLine(POLICY.outcome(result)).startsWith("Drift gate FAILED"),
        result.summaryLine(POLICY.outcome(result)));
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
            Runs.cell(
                CELL, CellStatus.COMPLETED, Runs.usual().cells().get(0).metrics().subList(1, 8)),
            Runs.cell("ecg-new", CellStatus.COMPLETED, Runs.anomalyMetrics(380, 40, 566, 14)));

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
  void aCellSkippedForWantOfItsDatasetIsMissingEvidenceAndNothingCheckedFails() {
    Reproduction now = Runs.run(Runs.cell(CELL, CellStatus.SKIPPED, List.of()));

    DriftResult result = checker.check(now, Baseline.from(Runs.usual()), Runs.rules());

    assertTrue(result.passed(), "no metric moved");
    DriftRow row = result.row(Baseline.key(CELL, "F1")).orElseThrow();
    assertEquals(Verdict.NO_EVIDENCE, row.verdict());
    assertFalse(row.failsGate());
    assertTrue(row.note().startsWith("no result this run: " + CELL + " skipped"), row.note());
    assertEquals(0, result.checked());
    assertEquals(GatePolicy.Outcome.FAILED, POLICY.outcome(result), "nothing was checked");
    GatePolicy allowing = new GatePolicy(true, true);
    assertEquals(GatePolicy.Outcome.INCOMPLETE, allowing.outcome(result));
    assertFalse(allowing.failsBuild(GatePolicy.Outcome.INCOMPLETE));
  }

  @Test
  void someMissingEvidenceIsIncompleteAndFailsOnlyWhereAllEvidenceIsRequired() {
    Reproduction base =
        Runs.run(
            Runs.cell(CELL, CellStatus.COMPLETED, Runs.anomalyMetrics(389, 48, 558, 5)),
            Runs.cell("ecg-cifar", CellStatus.COMPLETED, Runs.anomalyMetrics(380, 40, 566, 14)));
    Reproduction now =
        Runs.run(
            Runs.cell(CELL, CellStatus.COMPLETED, Runs.anomalyMetrics(389, 48, 558, 5)),
            Runs.cell("ecg-cifar", CellStatus.SKIPPED, List.of()));

    DriftResult result = checker.check(now, Baseline.from(base), Runs.rules());

    assertEquals(GatePolicy.Outcome.INCOMPLETE, POLICY.outcome(result));
    assertFalse(POLICY.failsBuild(GatePolicy.Outcome.INCOMPLETE), "a local run keeps its report");
    GatePolicy ci = GatePolicy.of(java.util.Map.of("CI", "true"), false, false);
    assertTrue(ci.failsBuild(GatePolicy.Outcome.INCOMPLETE));
    assertTrue(ci.reason(result, GatePolicy.Outcome.INCOMPLETE).contains("without evidence"));
    assertFalse(
        GatePolicy.of(java.util.Map.of("CI", "true"), false, true)
            .failsBuild(GatePolicy.Outcome.INCOMPLETE));
  }

  @Test
  void aGateWithoutRulesIsAnError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> checker.check(Runs.usual(), Baseline.from(Runs.usual()), List.of()));
    assertTrue(e.getMessage().contains("no <rules>"), e.getMessage());
  }

  @Test
  void aRuleOnTheBaselineIntervalToleratesNoiseWithinItAndFailsBeyond() {
    Reproduction base = Runs.usual();
    Baseline withInterval =
        new Baseline(
            base.plan(),
            base.startedAt(),
            base.environment(),
            Baseline.from(base).metrics(),
            java.util.Map.of(),
            java.util.Map.of(Baseline.key(CELL, "F1"), new Baseline.Interval(90, 100, 5)),
            java.util.Map.of());
    DriftRule plain = DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, 1, 0);
    DriftRule interval = DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, 1, 0);
    interval.setBaselineInterval(true);
    double f1 = Baseline.from(base).metrics().get(Baseline.key(CELL, "F1"));
    Reproduction dropped =
        Runs.run(Runs.cell(CELL, CellStatus.COMPLETED, Runs.anomalyMetrics(370, 48, 558, 24)));
    double now = Baseline.from(dropped).metrics().get(Baseline.key(CELL, "F1"));
    assertTrue(f1 - now > 1 && f1 - now < 5, "a drop between 1 and 5 points: " + (f1 - now));

    assertEquals(
        Verdict.FAIL,
        checker
            .check(dropped, withInterval, List.of(plain))
            .row(CELL + "/F1")
            .orElseThrow()
            .verdict());
    assertEquals(
        Verdict.PASS,
        checker
            .check(dropped, withInterval, List.of(interval))
            .row(CELL + "/F1")
            .orElseThrow()
            .verdict());
  }

  @Test
  void aChangedClaimVerdictIsListed() {
    Reproduction base = Runs.usual();
    ClaimResult before =
        new ClaimResult("c1", "SM beats CD", ClaimResult.Verdict.SUPPORTED, "", null, null);
    ClaimResult after =
        new ClaimResult("c1", "SM beats CD", ClaimResult.Verdict.INCONCLUSIVE, "", null, null);
    Reproduction then = Runs.withClaims(base, before);
    Reproduction now = Runs.withClaims(base, after);

    DriftResult result = checker.check(now, Baseline.from(then), Runs.rules());

    assertEquals(
        List.of(
            new DriftResult.ClaimChange(
                "c1",
                "SM beats CD",
                ClaimResult.Verdict.SUPPORTED,
                ClaimResult.Verdict.INCONCLUSIVE)),
        result.claimChanges());
  }

  @Test
  void aDivergedCellFailsWithItsMetricsMissing() {
    Reproduction base = Runs.usual();
    Reproduction now = Runs.run(Runs.cell(CELL, CellStatus.DIVERGED, List.of()));

    DriftResult result = checker.check(now, Baseline.from(base), Runs.rules());

    assertFalse(result.passed());
    assertEquals(8, result.failures().size());
    assertTrue(
        result.failures().get(0).note().contains("diverged"), result.failures().get(0).note());
  }

  @Test
  void metricsOfACellNotInThisRunsPlanAreMissingButDoNotFail() {
    Reproduction base =
        Runs.run(
            Runs.cell(CELL, CellStatus.COMPLETED, Runs.anomalyMetrics(389, 48, 558, 5)),
            Runs.cell("ecg-dropped", CellStatus.COMPLETED, Runs.anomalyMetrics(380, 40, 566, 14)));

    DriftResult result = checker.check(Runs.usual(), Baseline.from(base), Runs.rules());

    DriftRow row = result.row("ecg-dropped/F1").orElseThrow();
    assertEquals(Verdict.MISSING_NOW, row.verdict());
    assertEquals("ecg-dropped", row.groupId());
    assertEquals("F1", row.metric());
    assertFalse(row.failsGate());
    assertEquals("not in this run's plan", row.note());
    assertTrue(result.passed());
  }

  @Test
  void theOneSampleStepIsTheFloorOfTheTolerance() {
    // TP + FN = 10: one anomaly more or less found moves recall by 10 points.
    Reproduction base =
        Runs.run(Runs.cell(CELL, CellStatus.COMPLETED, Runs.anomalyMetrics(8, 2, 88, 2)));
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
