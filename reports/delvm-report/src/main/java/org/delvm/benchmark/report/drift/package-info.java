/**
 * The drift gate: compares a run's metrics with a committed {@link
 * org.delvm.benchmark.report.drift.Baseline} under {@link
 * org.delvm.benchmark.report.drift.DriftRule}s, so a change that moves the reproduced numbers is
 * seen (and, beyond its limit, stops the build) before it is merged. Plain classes: the Maven goal
 * only maps the {@link org.delvm.benchmark.report.drift.DriftResult} to log lines and a build
 * failure.
 */
package org.delvm.benchmark.report.drift;
