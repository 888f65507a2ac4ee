package org.delvm.benchmark.report.drift;

/** What the gate says about one metric. */
public enum Verdict {
  /** Within tolerance (or undefined both in the baseline and now). */
  PASS,
  /** Moved in the good direction beyond tolerance: passes, shown so the baseline gets updated. */
  IMPROVED,
  /** Moved in the bad direction beyond the warn level but not the fail level: passes. */
  WARN,
  /** Moved in the bad direction beyond the fail level, or became undefined: fails the gate. */
  FAIL,
  /**
   * In the baseline, absent now although its group ran (diverged, degenerate, or it stopped
   * reporting the metric): a regression, fails the gate. Also shown, without failing, for a group
   * that is not in this run's plan at all.
   */
  MISSING_NOW,
  /**
   * In the baseline and gated, but its group produced nothing this run (skipped because its data
   * could not be had, failed, not run): evidence is missing, so the gate is INCOMPLETE.
   */
  NO_EVIDENCE,
  /** Absent in the baseline: passes, shown so the baseline gets updated. */
  NEW,
  /** No rule applies (counts, for instance): shown, never fails. */
  INFO
}
