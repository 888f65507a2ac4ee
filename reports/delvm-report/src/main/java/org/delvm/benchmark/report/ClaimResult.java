package org.delvm.benchmark.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A claim of the paper checked against the reproduced numbers.
 *
 * @param id stable id, e.g. {@code fig7-sm-beats-cd}
 * @param text the claim as the paper makes it, e.g. "Fig. 7: SM-DELVM F1 > CD-DELVM F1 at every
 *     width"
 * @param verdict what the reproduced numbers say of it
 * @param reason how the verdict was reached (which numbers, with which intervals, why it could not
 *     be tested)
 * @param compared the numbers the check compared, by label (e.g. {@code "SM-DELVM @ hidden units
 *     512"}), in the order compared
 * @param evidence the deciding difference with its interval and test; null when NOT TESTABLE
 */
public record ClaimResult(
    String id,
    String text,
    Verdict verdict,
    String reason,
    Map<String, Double> compared,
    Evidence evidence) {

  public ClaimResult {
    compared =
        compared == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(compared));
  }

  /** What the data say of a claim. */
  public enum Verdict {
    /** The claimed difference's 95 % interval lies on the claimed side, beyond one test sample. */
    SUPPORTED,
    /** The data show the opposite: an interval on the other side (Bonferroni-adjusted). */
    CONTRADICTED,
    /** The interval covers no difference, or the difference is below one test sample. */
    INCONCLUSIVE,
    /** A cell the claim needs is missing or degenerate (diverged, collapsed, flags everything). */
    NOT_TESTABLE;

    /** The verdict as the report prints it: {@code NOT TESTABLE}. */
    public String label() {
      return name().replace('_', ' ');
    }
  }

  /**
   * The difference a verdict rests on.
   *
   * @param difference the claimed-better minus the claimed-worse (or reproduced minus paper)
   * @param low the 95 % interval's lower end
   * @param high its upper end
   * @param replicates replicate pairs (or replicates) behind it
   * @param samples test samples per replicate
   * @param oneSample how far one test sample moves the metric (0 where unknown)
   * @param test how the interval was made
   */
  public record Evidence(
      double difference,
      double low,
      double high,
      int replicates,
      int samples,
      double oneSample,
      String test) {}
}
