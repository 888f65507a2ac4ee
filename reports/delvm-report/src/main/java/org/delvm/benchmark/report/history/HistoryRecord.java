package org.delvm.benchmark.report.history;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.report.drift.DriftResult;
import org.delvm.benchmark.report.drift.DriftRow;

/**
 * One line of the history file: what one gated run measured.
 *
 * @param format always {@link #FORMAT}; a line without it is someone else's and is skipped, so the
 *     file can be shared with other tools or a future format
 * @param commit the code's version (a git commit, or whatever the run was told)
 * @param date when the run started (ISO-8601, from metrics.json)
 * @param plan the plan's name: a file may hold several plans, each charted on its own
 * @param environment the run's machine, JVM and backend facts, so a step in a trend can be told
 *     apart from a change of machine
 * @param metrics every gated metric (a rule applies, a finite value now) by key {@code
 *     <cellId>/<metricName>}, in the gate's order
 */
public record HistoryRecord(
    String format,
    String commit,
    String date,
    String plan,
    Map<String, String> environment,
    Map<String, MetricPoint> metrics) {

  public static final String FORMAT = "delvm-history/1";

  public HistoryRecord {
    environment =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(environment == null ? Map.of() : environment));
    metrics =
        Collections.unmodifiableMap(new LinkedHashMap<>(metrics == null ? Map.of() : metrics));
  }

  /**
   * The record of a checked run: the gated rows' current values. Rows without a rule (counts) are
   * left out, as are undefined values: a trend of them says nothing the gate would act on.
   */
  public static HistoryRecord of(String commit, Reproduction now, DriftResult result) {
    Map<String, MetricPoint> metrics = new LinkedHashMap<>();
    for (DriftRow row : result.rows()) {
      if (row.direction() != null && row.now() != null && Double.isFinite(row.now())) {
        metrics.put(row.key(), MetricPoint.of(row.estimate()));
      }
    }
    return new HistoryRecord(
        FORMAT, commit, now.startedAt(), result.plan(), now.environment(), metrics);
  }

  /** The commit as charts label it: git's short form for a full hash. */
  public String shortCommit() {
    if (commit == null || commit.isBlank()) {
      return "?";
    }
    return commit.matches("[0-9a-f]{40}") ? commit.substring(0, 7) : commit;
  }
}
