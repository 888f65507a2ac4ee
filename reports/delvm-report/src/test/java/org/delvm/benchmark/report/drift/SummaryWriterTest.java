package org.delvm.benchmark.report.drift;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SummaryWriterTest {

  private static final List<DriftRule> RULES =
      List.of(DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, 1, 0));

  private static Reproduction run(double f1, ClaimResult.Verdict claim, String... ids) {
    List<CellResult> cells = new ArrayList<>();
    for (String id : ids) {
      cells.add(
          Runs.cell(id, CellStatus.COMPLETED, List.of(new MetricResult("F1", f1, 94.81, "%"))));
    }
    return Runs.withClaims(
        Runs.run(cells.toArray(CellResult[]::new)),
        new ClaimResult("fig7", "Fig. 7: SM > CD", claim, "", null, null));
  }

  private static String markdown(Reproduction base, Reproduction now) {
    DriftResult drift = new DriftChecker().check(now, Baseline.from(base), RULES);
    GatePolicy policy = new GatePolicy(false, false);
    GatePolicy.Outcome outcome = policy.outcome(drift);
    return new SummaryWriter().markdown(now, drift, outcome, policy.reason(drift, outcome));
  }

  @Test
  void aPassingRunLeadsWithItsVerdictAndSaysNothingMoved() {
    Reproduction r = run(93.62, ClaimResult.Verdict.SUPPORTED, "ecg-sm");
    String md = markdown(r, r);
    assertTrue(md.startsWith("### DELVM reproduction, plan smoke: gate **PASSED**\n"), md);
    assertTrue(md.contains("Nothing moved beyond its tolerance."), md);
    assertFalse(md.contains("Claims whose verdict changed"), md);
    assertTrue(md.contains("<details><summary>All 1 metrics</summary>"), md);
  }

  @Test
  void aFailingRunShowsTheMetricBeyondToleranceAndTheChangedClaim() {
    String md =
        markdown(
            run(98.62, ClaimResult.Verdict.SUPPORTED, "ecg-sm", "ecg-cd"),
            run(93.62, ClaimResult.Verdict.INCONCLUSIVE, "ecg-sm"));
    assertTrue(md.startsWith("### DELVM reproduction, plan smoke: gate **FAILED**: 1 metric"), md);
    int beyond = md.indexOf("#### Beyond tolerance");
    int claims = md.indexOf("#### Claims whose verdict changed");
    int all = md.indexOf("<details>");
    assertTrue(beyond > 0 && claims > beyond && all > claims, md);
    String changed = md.substring(beyond, claims);
    assertTrue(changed.contains("| ecg-sm/F1 | 98.62 | 93.62 | -5 | -1 |"), changed);
    assertTrue(md.contains("| fig7: Fig. 7: SM &gt; CD | SUPPORTED | INCONCLUSIVE |"), md);
    assertTrue(md.contains("-Ddelvm.plan=smoke -Ddelvm.updateBaseline=true"), md);
  }

  @Test
  void fiveHundredChangedMetricsStayWithinACommentAndTheFullTableKeepsThemAll(@TempDir Path dir)
      throws Exception {
    String[] ids = new String[500];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = "a-rather-long-cell-identifier-of-a-large-plan-number-" + i;
    }
    Reproduction base = run(98, ClaimResult.Verdict.SUPPORTED, ids);
    Reproduction now = run(90, ClaimResult.Verdict.SUPPORTED, ids);
    DriftResult drift = new DriftChecker().check(now, Baseline.from(base), RULES);

    new SummaryWriter().write(now, drift, GatePolicy.Outcome.FAILED, "500 metric(s)", dir);

    String md = Files.readString(dir.resolve(SummaryWriter.SUMMARY_FILE));
    assertTrue(md.length() <= SummaryWriter.MAX_CHARACTERS, "length " + md.length());
    assertTrue(md.contains("450 more below"), md.substring(0, 2000));
    String full = Files.readString(dir.resolve(SummaryWriter.FULL_TABLE_FILE));
    for (String id : ids) {
      assertTrue(full.contains("| " + Markdown.escape(id) + "/F1 | 98 | 90 |"), id);
    }
  }

  @Test
  void planTextCannotInjectMarkdown() {
    Reproduction r = run(93.62, ClaimResult.Verdict.SUPPORTED, "x");
    Reproduction hostile =
        new Reproduction(
            "[click](https://evil.example) <img src=x>",
            "",
            r.startedAt(),
            r.wallSeconds(),
            r.environment(),
            r.datasets(),
            r.cells(),
            r.claims(),
            null);
    String md = new SummaryWriter().markdown(hostile, null, null, "");
    assertFalse(md.contains("[click]"), md);
    assertFalse(md.contains("<img"), md);
    assertTrue(md.contains("\\[click\\]"), md);
  }
}
