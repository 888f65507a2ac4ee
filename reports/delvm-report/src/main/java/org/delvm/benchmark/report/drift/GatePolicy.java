package org.delvm.benchmark.report.drift;

import java.util.Map;

/**
 * What a gate result means for the build. Three kinds of trouble are kept apart: a metric beyond
 * its limit (FAILED); evidence missing, a gated metric whose group produced nothing (INCOMPLETE,
 * which fails the build where all evidence is required, as in CI); and a run in which no gated
 * metric has evidence at all (FAILED: nothing was checked). {@code allowMissing} accepts missing
 * evidence, down to none.
 *
 * @param requireAllEvidence fail on INCOMPLETE: in CI ({@code CI=true}) or with {@code
 *     delvm.requireAllDatasets}
 * @param allowMissing never fail for missing evidence
 */
public record GatePolicy(boolean requireAllEvidence, boolean allowMissing) {

  /** The gate's result. */
  public enum Outcome {
    PASSED,
    INCOMPLETE,
    FAILED
  }

  /** The policy of a build: strict in CI (the {@code CI} environment variable is "true"). */
  public static GatePolicy of(
      Map<String, String> environment, boolean requireAllDatasets, boolean allowMissing) {
    boolean ci = "true".equalsIgnoreCase(environment.getOrDefault("CI", ""));
    return new GatePolicy(ci || requireAllDatasets, allowMissing);
  }

  public Outcome outcome(DriftResult result) {
    if (!result.passed()) {
      return Outcome.FAILED;
    }
    if (result.checked() == 0) {
      return allowMissing ? Outcome.INCOMPLETE : Outcome.FAILED;
    }
    return result.withoutEvidence().isEmpty() ? Outcome.PASSED : Outcome.INCOMPLETE;
  }

  public boolean failsBuild(Outcome outcome) {
    return switch (outcome) {
      case PASSED -> false;
      case INCOMPLETE -> requireAllEvidence && !allowMissing;
      case FAILED -> true;
    };
  }

  /** Why the outcome is what it is, in a sentence (empty for PASSED). */
  public String reason(DriftResult result, Outcome outcome) {
    if (!result.passed()) {
      return result.failures().size() + " metric(s) beyond their limit or lost";
    }
    if (result.checked() == 0) {
      return "no gated metric has evidence in this run: nothing was checked"
          + (allowMissing ? " (accepted: delvm.allowMissing)" : "");
    }
    if (outcome == Outcome.INCOMPLETE) {
      return result.withoutEvidence().size()
          + " gated metric(s) without evidence (their cells were skipped, failed or not run)"
          + (failsBuild(outcome)
              ? "; all evidence is required here (CI=true or delvm.requireAllDatasets)"
              : "");
    }
    return "";
  }
}
