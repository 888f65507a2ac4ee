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
 * @param verdict whether the reproduced numbers support it
 * @param reason how the verdict was reached (which numbers, where it failed, why it could not be
 *     tested)
 * @param compared the numbers the check compared, by label (e.g. {@code "SM-DELVM @ hidden units
 *     512"}), in the order compared
 */
public record ClaimResult(
    String id, String text, Verdict verdict, String reason, Map<String, Double> compared) {

  public ClaimResult {
    compared =
        compared == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(compared));
  }

  /** SUPPORTED, NOT SUPPORTED or NOT TESTABLE (e.g. the model it needs is not implemented). */
  public enum Verdict {
    SUPPORTED,
    NOT_SUPPORTED,
    NOT_TESTABLE;

    /** The verdict as the report prints it: {@code NOT SUPPORTED}. */
    public String label() {
      return name().replace('_', ' ');
    }
  }
}
