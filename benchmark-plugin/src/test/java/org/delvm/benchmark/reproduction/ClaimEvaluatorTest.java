package org.delvm.benchmark.reproduction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Claim;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.ClaimResult.Verdict;
import org.delvm.benchmark.report.MetricResult;
import org.junit.jupiter.api.Test;

class ClaimEvaluatorTest {

  private static CellResult cell(
      String experiment, String series, String axis, double x, double f1, String status) {
    return new CellResult(
        series + x + f1,
        experiment,
        "ecg5000",
        "m",
        "sm",
        Map.of(),
        1,
        status,
        "",
        0,
        0,
        List.of(),
        status.equals("completed") ? List.of(new MetricResult("F1", f1, null, "%")) : List.of(),
        series,
        Map.of(axis, x));
  }

  private static CellResult sm(double width, double f1) {
    return cell("Fig. 7: one layer", "SM-DELVM", "hidden units", width, f1, "completed");
  }

  private static CellResult cd(double width, double f1) {
    return cell("Fig. 7: one layer", "CD-DELVM", "hidden units", width, f1, "completed");
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
        "AE is not implemented yet");
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

  @Test
  void dominatesIsSupportedWhenHigherAtEverySharedCoordinate() {
    ClaimResult r =
        ClaimEvaluator.evaluate(
            dominates("SM-DELVM", "CD-DELVM"),
            List.of(sm(64, 90), sm(128, 92), cd(64, 80), cd(128, 91)));
    assertEquals(Verdict.SUPPORTED, r.verdict(), r.reason());
    assertEquals(
        Map.of(
            "SM-DELVM @ hidden units 64", 90.0,
            "CD-DELVM @ hidden units 64", 80.0,
            "SM-DELVM @ hidden units 128", 92.0,
            "CD-DELVM @ hidden units 128", 91.0),
        r.compared());
    assertTrue(r.reason().contains("F1 compared at 2 hidden units value(s) (64, 128)"), r.reason());
  }

  @Test
  void dominatesNamesWhereItFailsAndWhatWasNotCompared() {
    ClaimResult r =
        ClaimEvaluator.evaluate(
            dominates("SM-DELVM", "CD-DELVM"),
            List.of(sm(64, 90), sm(128, 91), sm(256, 95), cd(64, 80), cd(128, 91)));
    assertEquals(Verdict.NOT_SUPPORTED, r.verdict());
    assertTrue(r.reason().contains("not higher at hidden units 128: 91.00 <= 91.00"), r.reason());
    assertTrue(
        r.reason().contains("not compared (one series has no result there): hidden units 256"),
        r.reason());
  }

  @Test
  void aMissingSeriesIsNotTestableWithTheNote() {
    ClaimResult r =
        ClaimEvaluator.evaluate(dominates("SM-DELVM", "AE"), List.of(sm(64, 90), cd(64, 80)));
    assertEquals(Verdict.NOT_TESTABLE, r.verdict());
    assertTrue(r.reason().contains("completed series of 'Fig. 7': SM-DELVM, CD-DELVM"), r.reason());
    assertTrue(r.reason().endsWith("AE is not implemented yet"), r.reason());
    assertTrue(r.compared().isEmpty());
  }

  @Test
  void replicatesAreAveragedAndFailedOrOtherExperimentsIgnored() {
    List<CellResult> cells =
        List.of(
            sm(64, 90),
            sm(64, 80), // mean 85 at 64
            sm(2048, 86),
            cell("Fig. 7: one layer", "SM-DELVM", "hidden units", 4096, 0, "diverged"),
            cell("Fig. 8", "SM-DELVM", "hidden units", 1024, 99, "completed"));
    ClaimResult r = ClaimEvaluator.evaluate(best(2048), cells);
    assertEquals(Verdict.SUPPORTED, r.verdict(), r.reason());
    assertEquals(
        Map.of("SM-DELVM @ hidden units 64", 85.0, "SM-DELVM @ hidden units 2048", 86.0),
        r.compared());
    assertEquals(Verdict.NOT_SUPPORTED, ClaimEvaluator.evaluate(best(64), cells).verdict());
    assertEquals(Verdict.NOT_TESTABLE, ClaimEvaluator.evaluate(best(4096), cells).verdict());
  }

  @Test
  void valueComparesWithThePaperWithinTheTolerance() {
    Claim claim =
        new Claim(
            "v",
            "text",
            "value",
            "Fig. 7",
            "F1",
            "hidden units",
            "SM-DELVM",
            null,
            null,
            2048.0,
            94.81,
            1.0,
            null);
    ClaimResult close = ClaimEvaluator.evaluate(claim, List.of(sm(2048, 94.0)));
    assertEquals(Verdict.SUPPORTED, close.verdict(), close.reason());
    assertTrue(
        close.reason().contains("reproduced 94.00, paper 94.81: difference -0.81"), close.reason());
    assertEquals(94.81, close.compared().get("paper"));
    assertEquals(
        Verdict.NOT_SUPPORTED, ClaimEvaluator.evaluate(claim, List.of(sm(2048, 93.5))).verdict());
    assertEquals(
        Verdict.NOT_TESTABLE, ClaimEvaluator.evaluate(claim, List.of(sm(512, 94.8))).verdict());
  }
}
