package org.delvm.benchmark.report.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Reproduction;

/**
 * Compares a run with a baseline under rules. For each metric, the first rule whose glob matches
 * its key applies; a metric no rule matches is shown ({@link Verdict#INFO}) and never fails, so
 * counts and timings are informational unless a rule names them.
 */
public final class DriftChecker {

  /** The status of a cell whose dataset could not be had. */
  private static final String SKIPPED = "skipped";

  public DriftResult check(Reproduction now, Baseline baseline, List<DriftRule> rules) {
    rules.forEach(DriftRule::validate);
    Map<String, MetricResult> current = new LinkedHashMap<>();
    Map<String, CellResult> cellOfKey = new LinkedHashMap<>();
    for (CellResult cell : now.cells()) {
      for (MetricResult m : cell.metrics()) {
        String key = Baseline.key(cell.id(), m.name());
        current.put(key, m);
        cellOfKey.put(key, cell);
      }
    }
    List<DriftRow> rows = new ArrayList<>();
    baseline
        .metrics()
        .forEach(
            (key, value) -> {
              double base = value == null ? Double.NaN : value;
              MetricResult m = current.get(key);
              if (m == null) {
                rows.add(missing(key, base, now));
              } else {
                CellResult cell = cellOfKey.get(key);
                rows.add(
                    compare(
                        key,
                        cell.id(),
                        m.name(),
                        base,
                        m.value(),
                        rule(key, rules),
                        baseline.oneSampleStep(key)));
              }
            });
    current.forEach(
        (key, m) -> {
          if (!baseline.metrics().containsKey(key)) {
            rows.add(
                new DriftRow(
                    key,
                    cellOfKey.get(key).id(),
                    m.name(),
                    null,
                    m.value(),
                    Double.NaN,
                    Double.NaN,
                    null,
                    Verdict.NEW,
                    false,
                    "not in the baseline: update it to track this metric"));
          }
        });
    return new DriftResult(
        now.plan(), baseline.startedAt(), rows, environmentChanges(now, baseline));
  }

  /** The environment facts both runs recorded with different values, as lines for the log. */
  static List<String> environmentChanges(Reproduction now, Baseline baseline) {
    List<String> changes = new ArrayList<>();
    baseline
        .environment()
        .forEach(
            (fact, then) -> {
              String value = now.environment().get(fact);
              if (value != null && !value.equals(then)) {
                changes.add(fact + ": baseline " + then + ", this run " + value);
              }
            });
    return changes;
  }

  private static Optional<DriftRule> rule(String key, List<DriftRule> rules) {
    return rules.stream().filter(r -> r.matches(key)).findFirst();
  }

  /**
   * A baseline metric this run lacks. A regression (the cell diverged, or stopped reporting it)
   * when its cell ran; not one when the cell is not in this run's plan at all, e.g. after a plan
   * lost a cell on purpose and the baseline was not yet updated, nor when the cell was skipped
   * because its dataset could not be had (the run asked not to require every dataset).
   */
  private static DriftRow missing(String key, double base, Reproduction now) {
    Optional<CellResult> cell =
        now.cells().stream().filter(c -> key.startsWith(c.id() + "/")).findFirst();
    int slash = key.indexOf('/');
    String cellId = cell.map(CellResult::id).orElse(slash < 0 ? "" : key.substring(0, slash));
    String metric = cellId.isEmpty() ? key : key.substring(cellId.length() + 1);
    String note;
    boolean skipped = cell.isPresent() && SKIPPED.equals(cell.get().status());
    if (cell.isEmpty()) {
      note = "cell not in this run's plan: not a failure";
    } else if (skipped) {
      note = "cell skipped, its dataset could not be had: not a failure";
    } else if (!"completed".equals(cell.get().status())) {
      note = "cell " + cell.get().status();
    } else {
      note = "metric no longer reported";
    }
    return new DriftRow(
        key,
        cellId,
        metric,
        base,
        null,
        Double.NaN,
        Double.NaN,
        null,
        Verdict.MISSING_NOW,
        cell.isPresent() && !skipped,
        note);
  }

  private static DriftRow compare(
      String key,
      String cellId,
      String metric,
      double base,
      double now,
      Optional<DriftRule> applies,
      double oneSampleStep) {
    double change = now - base; // NaN where either is undefined
    if (applies.isEmpty()) {
      return new DriftRow(
          key, cellId, metric, base, now, change, Double.NaN, null, Verdict.INFO, false, "");
    }
    DriftRule rule = applies.get();
    boolean baseDefined = Double.isFinite(base);
    boolean nowDefined = Double.isFinite(now);
    if (!baseDefined || !nowDefined) {
      // Undefined (e.g. precision with no positive prediction) is not a number to subtract.
      Verdict verdict;
      String note;
      if (!baseDefined && !nowDefined) {
        verdict = Verdict.PASS;
        note = "undefined in both";
      } else if (baseDefined) {
        verdict = Verdict.FAIL;
        note = "undefined now";
      } else {
        verdict = Verdict.WARN;
        note = "undefined in the baseline";
      }
      return new DriftRow(
          key,
          cellId,
          metric,
          base,
          now,
          Double.NaN,
          Double.NaN,
          rule.getDirection(),
          verdict,
          verdict == Verdict.FAIL,
          note);
    }
    double tolerance = rule.tolerance(base, oneSampleStep);
    double worse =
        switch (rule.getDirection()) {
          case HIGHER_IS_BETTER -> -change;
          case LOWER_IS_BETTER -> change;
          case BOTH -> Math.abs(change);
        };
    double better = rule.getDirection() == Direction.BOTH ? 0 : -worse;
    double failAt = rule.getFail() * tolerance;
    double warnAt = rule.getWarn() * tolerance;
    Verdict verdict;
    String note = "";
    if (worse > failAt) {
      verdict = Verdict.FAIL;
      note = "beyond the limit";
    } else if (worse > warnAt) {
      verdict = Verdict.WARN;
      note = "beyond the warn level " + Numbers.number(warnAt);
    } else if (better > tolerance) {
      verdict = Verdict.IMPROVED;
      note = "better by more than " + Numbers.number(tolerance) + ": update the baseline";
    } else {
      verdict = Verdict.PASS;
    }
    if (oneSampleStep > 0 && tolerance == oneSampleStep) {
      note = (note.isEmpty() ? "" : note + "; ") + "tolerance = one test sample";
    }
    return new DriftRow(
        key,
        cellId,
        metric,
        base,
        now,
        change,
        failAt,
        rule.getDirection(),
        verdict,
        verdict == Verdict.FAIL,
        note);
  }
}
