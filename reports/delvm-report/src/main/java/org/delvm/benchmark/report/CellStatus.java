package org.delvm.benchmark.report;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * What became of a cell. Written to metrics.json and the result store as its label; only a
 * COMPLETED cell is evidence for a claim, a metric or a gate.
 */
public enum CellStatus {
  /** Trained and evaluated. */
  COMPLETED("completed"),
  /** Training left the finite numbers: no metrics. */
  DIVERGED("diverged"),
  /** An exception, a refusal (too large for the memory) or a lost worker: the next run retries. */
  FAILED("failed"),
  /** Its data could not be had: the reason says what to do. */
  SKIPPED("skipped"),
  /** No valid stored result (the report goal, a gather). */
  NOT_RUN("not run");

  private final String label;

  CellStatus(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }

  /** The status of a label, as stored. */
  @JsonCreator
  public static CellStatus of(String label) {
    return Arrays.stream(values())
        .filter(s -> s.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown cell status '"
                        + label
                        + "': expected completed, diverged, failed, skipped or not run"));
  }

  /** The label: what the report prints and its templates compare. */
  @Override
  public String toString() {
    return label;
  }
}
