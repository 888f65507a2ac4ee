package org.delvm.benchmark.report.drift;

import org.delvm.benchmark.report.stats.Estimate;

/**
 * One metric's line in the gate.
 *
 * @param key {@code <groupId>/<metricName>}
 * @param groupId the replicate group (a lone cell's group id is its cell id)
 * @param baseline the baseline's value: {@code null} when the baseline lacks the metric, NaN when
 *     it was undefined there
 * @param now this run's replicate mean: {@code null} when this run lacks the metric, NaN when
 *     undefined
 * @param estimate this run's mean with its 95 % interval and n; {@code null} when absent
 * @param change now minus baseline; NaN where either is absent or undefined
 * @param limit how far the metric may move in the bad direction before it fails ({@code fail x
 *     tolerance}); NaN where no rule applies
 * @param direction the applied rule's direction, {@code null} where no rule applies
 * @param failsGate whether this row stops the build (FAIL, or MISSING_NOW of a group that ran)
 * @param note why, where the verdict alone does not say it
 */
public record DriftRow(
    String key,
    String groupId,
    String metric,
    Double baseline,
    Double now,
    Estimate estimate,
    double change,
    double limit,
    Direction direction,
    Verdict verdict,
    boolean failsGate,
    String note) {

  /** The limit with the side it applies to: {@code -1} (a drop), {@code +1}, {@code +/-1}. */
  public String limitText() {
    if (verdict == Verdict.NEW
        || verdict == Verdict.MISSING_NOW
        || verdict == Verdict.NO_EVIDENCE) {
      return "-"; // nothing to compare, so no limit applied
    }
    if (direction == null || Double.isNaN(limit)) {
      return "no rule";
    }
    String size = Numbers.number(limit);
    return switch (direction) {
      case HIGHER_IS_BETTER -> "-" + size;
      case LOWER_IS_BETTER -> "+" + size;
      case BOTH -> "+/-" + size;
    };
  }

  /**
   * One phrase for a failure message: {@code cell/F1 93.62 -> 88.62 (limit -1, beyond the limit)}.
   */
  public String describe() {
    if (verdict == Verdict.MISSING_NOW || verdict == Verdict.NO_EVIDENCE) {
      return key + " missing (" + note + ")";
    }
    return key
        + " "
        + Numbers.value(baseline)
        + " -> "
        + Numbers.value(now)
        + " (limit "
        + limitText()
        + (note.isEmpty() ? "" : ", " + note)
        + ")";
  }
}
