/**
 * History across commits: each gated run can append one {@link
 * org.delvm.benchmark.report.history.HistoryRecord} (commit, date, plan, environment, every gated
 * metric's value) to a JSON Lines file, and the report draws a {@link
 * org.delvm.benchmark.report.history.TrendChart} per gated metric across the recorded commits, with
 * the baseline, its tolerance band and the commit where the metric left the band. Like asv and
 * github-action-benchmark keep a history per commit; the file is plain text so CI can keep it as an
 * artifact or on a branch.
 */
package org.delvm.benchmark.report.history;
