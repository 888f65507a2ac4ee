package org.delvm.benchmark.report.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Reproduction;

/** Small runs for the gate's tests: one anomaly cell per id, with confusion counts. */
final class Runs {

  static final String CELL = "ecg-sm";

  private Runs() {}

  /** An anomaly cell's metrics from its confusion counts, precision/recall/F1 in percent. */
  static List<MetricResult> anomalyMetrics(int tp, int fp, int tn, int fn) {
    double precision = 100.0 * tp / (tp + fp);
    double recall = 100.0 * tp / (tp + fn);
    double f1 = 2 * precision * recall / (precision + recall);
    return new ArrayList<>(
        List.of(
            new MetricResult("precision", precision, 90.57, "%"),
            new MetricResult("recall", recall, 99.46, "%"),
            new MetricResult("F1", f1, 94.81, "%"),
            new MetricResult("threshold (mean + std of training RE)", 0.3168, null, ""),
            new MetricResult("true positives", tp, null, "samples"),
            new MetricResult("false positives", fp, null, "samples"),
            new MetricResult("true negatives", tn, null, "samples"),
            new MetricResult("false negatives", fn, null, "samples")));
  }

  static CellResult cell(String id, CellStatus status, List<MetricResult> metrics) {
    return new CellResult(
        id,
        "Fig. 7",
        "ecg5000",
        "DELVM (MLP 140-256, ReLU)",
        "sm",
        Map.of("epochs", "2"),
        1L,
        status,
        "",
        0.5,
        1000.0,
        List.of(-1.0),
        metrics,
        "SM-DELVM",
        Map.of());
  }

  static Reproduction run(CellResult... cells) {
    return new Reproduction(
        "smoke",
        "tiny",
        "2026-11-28T02:00:00Z",
        1.5,
        Map.of("java", "17"),
        List.of(),
        List.of(cells),
        List.of(),
        null);
  }

  /** The usual run: 389 TP, 48 FP, 558 TN, 5 FN (394 anomalies in 1000 beats). */
  static Reproduction usual() {
    return run(cell(CELL, CellStatus.COMPLETED, anomalyMetrics(389, 48, 558, 5)));
  }

  /** {@code run} with one metric of {@link #CELL} replaced. */
  static Reproduction with(Reproduction run, String metric, double value) {
    CellResult c = run.cells().get(0);
    List<MetricResult> metrics =
        c.metrics().stream()
            .map(
                m ->
                    m.name().equals(metric)
                        ? new MetricResult(m.name(), value, m.paper(), m.unit())
                        : m)
            .toList();
    return run(cell(c.id(), c.status(), metrics));
  }

  /** The project's F1/precision/recall rules, as in reports/pom.xml. */
  static List<DriftRule> rules() {
    return List.of(
        DriftRule.of("*/F1", Direction.HIGHER_IS_BETTER, 1.0, 0),
        DriftRule.of("*/precision", Direction.HIGHER_IS_BETTER, 1.0, 0),
        DriftRule.of("*/recall", Direction.HIGHER_IS_BETTER, 1.0, 0),
        DriftRule.of("*/threshold*", Direction.BOTH, 0, 0.05));
  }

  /** The run with these claims instead of its own. */
  static Reproduction withClaims(Reproduction r, ClaimResult... claims) {
    return new Reproduction(
        r.plan(),
        r.planDescription(),
        r.startedAt(),
        r.wallSeconds(),
        r.environment(),
        r.datasets(),
        r.cells(),
        List.of(claims),
        r.replicates());
  }
}
