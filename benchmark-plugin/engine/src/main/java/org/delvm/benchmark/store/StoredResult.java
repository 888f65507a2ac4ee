package org.delvm.benchmark.store;

import org.delvm.benchmark.report.CellResult;

/**
 * A finished cell as the {@link ResultStore} keeps it between runs.
 *
 * @param fingerprint what the result was computed from
 * @param finishedAt ISO-8601 time the cell finished
 * @param seconds wall time of the cell (training and evaluation)
 * @param result what the report shows
 */
public record StoredResult(
    CellFingerprint fingerprint, String finishedAt, double seconds, CellResult result) {}
