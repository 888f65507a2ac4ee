package org.delvm.benchmark.report.drift;

import java.util.Optional;
import org.delvm.benchmark.report.AggregateMetric;
import org.delvm.benchmark.report.stats.Estimate;

/** How one metric's row of the gate is judged. */
final class DriftRows {

  private DriftRows() {}

  /** A metric of this run that the baseline lacks: passes, shown so the baseline gets updated. */
  static DriftRow added(String key, String groupId, AggregateMetric m) {
    Estimate e = m.estimate();
    return new DriftRow(
        key,
        groupId,
        m.name(),
        null,
        e.mean(),
        e,
        Double.NaN,
        Double.NaN,
        null,
        Verdict.NEW,
        false,
        "not in the baseline: update it to track this metric");
  }

  /** A baseline metric this run has no value of. */
  static DriftRow absent(
      String key,
      String groupId,
      String metric,
      double base,
      Verdict verdict,
      boolean failsGate,
      String note) {
    return new DriftRow(
        key,
        groupId,
        metric,
        base,
        null,
        null,
        Double.NaN,
        Double.NaN,
        null,
        verdict,
        failsGate,
        note);
  }

  /** A metric in both: judged by the rule, if one applies, with its tolerance. */
  static DriftRow compare(
      String key,
      String groupId,
      AggregateMetric m,
      double base,
      Optional<DriftRule> applies,
      double tolerance,
      double oneSampleStep) {
    Estimate e = m.estimate();
    double now = e.mean();
    double change = now - base; // NaN where either is undefined
    if (applies.isEmpty()) {
      return row(key, groupId, m, base, change, Double.NaN, null, Verdict.INFO, "");
    }
    DriftRule rule = applies.get();
    boolean baseDefined = Double.isFinite(base);
    boolean nowDefined = Double.isFinite(now);
    if (!baseDefined || !nowDefined) {
      // Undefined (e.g. precision with no positive prediction) is not a number to subtract.
      Verdict verdict =
          !baseDefined && !nowDefined ? Verdict.PASS : baseDefined ? Verdict.FAIL : Verdict.WARN;
      String note =
          !baseDefined && !nowDefined
              ? "undefined in both"
              : baseDefined ? "undefined now" : "undefined in the baseline";
      return row(key, groupId, m, base, Double.NaN, Double.NaN, rule.getDirection(), verdict, note);
    }
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
    return row(key, groupId, m, base, change, failAt, rule.getDirection(), verdict, note);
  }

  private static DriftRow row(
      String key,
      String groupId,
      AggregateMetric m,
      double base,
      double change,
      double limit,
      Direction direction,
      Verdict verdict,
      String note) {
    return new DriftRow(
        key,
        groupId,
        m.name(),
        base,
        m.estimate().mean(),
        m.estimate(),
        change,
        limit,
        direction,
        verdict,
        verdict == Verdict.FAIL,
        note);
  }
}
