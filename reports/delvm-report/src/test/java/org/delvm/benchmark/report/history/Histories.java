package org.delvm.benchmark.report.history;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.report.drift.Baseline;
import org.delvm.benchmark.report.drift.Direction;
import org.delvm.benchmark.report.drift.DriftChecker;
import org.delvm.benchmark.report.drift.DriftResult;
import org.delvm.benchmark.report.drift.DriftRule;

/** Runs for the history's tests: one anomaly cell whose F1 and precision are gated. */
final class Histories {

  static final String F1 = "ecg-sm/F1";
  static final String PRECISION = "ecg-sm/precision";

  /** F1 drops of more than 1 point fail; precision likewise; the counts are not gated. */
  static final List<DriftRule> RULES =
      List.of(
          DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, 1.0, 0),
          DriftRule.of("*/precision", Direction.HIGHER_IS_BETTER, 1.0, 0));

  private Histories() {}

  static Reproduction run(String startedAt, double f1, double precision) {
    CellResult cell =
        new CellResult(
            "ecg-sm",
            "Fig. 7",
            "ecg5000",
            "DELVM (MLP 140-256, ReLU)",
            "sm",
            Map.of("epochs", "2"),
            1L,
            CellStatus.COMPLETED,
            "",
            0.5,
            1000.0,
            List.of(-1.0),
            List.of(
                new MetricResult("precision", precision, 90.57, "%"),
                new MetricResult("F1", f1, 94.81, "%"),
                new MetricResult("runs", 1, null, "")),
            "SM-DELVM",
            Map.of());
    return new Reproduction(
        "smoke",
        "tiny <plan>",
        startedAt,
        1.5,
        Map.of("java", "17", "compute threads", "2"),
        List.of(),
        List.of(cell),
        List.of(),
        null);
  }

  /** The gate's verdict on {@code now} against a baseline made from {@code baseline}. */
  static DriftResult check(Reproduction now, Reproduction baseline) {
    return new DriftChecker().check(now, Baseline.from(baseline), RULES);
  }
}
