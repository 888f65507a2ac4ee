package org.delvm.benchmark.spark;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * A Spark run's progress for the log: cells done, running, failed and waiting, and the time left.
 * The time left is the cost model's seconds of the unfinished cells, scaled by how far off the
 * model was on the cells this run has finished (as the in-process runner's clock does), spread over
 * the task slots, and never less than the longest unfinished cell. One line per cell that starts or
 * finishes on an executor, plus one every {@link #HEARTBEAT_MILLIS} while nothing happens.
 */
final class Progress {

  /** A line at least this often while cells run, so a long cell does not look like a hang. */
  static final long HEARTBEAT_MILLIS = 10 * 60 * 1000L;

  private final Map<String, Double> planned = new LinkedHashMap<>();
  private final Set<String> running = new LinkedHashSet<>();

  /** Cells whose task has ended but whose result has not reached the driver yet. */
  private final Set<String> ending = new LinkedHashSet<>();

  private final Map<String, CellReport> finished = new LinkedHashMap<>();
  private final Map<String, Integer> attempts = new HashMap<>();
  private final Log log;
  private final LongSupplier clock;
  private int slots;
  private double estimatedDone;
  private double actualDone;
  private long lastLine;
  private long firstStart = -1;

  /**
   * @param cells the cells this run submits
   * @param slots how many cells run at once (executor cores / task cpus)
   * @param clock milliseconds, for the heartbeat
   */
  Progress(List<CellSpec> cells, int slots, Log log, LongSupplier clock) {
    cells.forEach(c -> planned.put(c.id(), c.plannedSeconds()));
    this.slots = Math.max(1, slots);
    this.log = log;
    this.clock = clock;
    this.lastLine = clock.getAsLong();
  }

  /** The task slots changed (executors added or lost). */
  synchronized void slots(int slots) {
    this.slots = Math.max(1, slots);
  }

  /** A task of the cell started (attempt 0 the first time). */
  synchronized void started(String cellId, String executor, int attempt) {
    if (!planned.containsKey(cellId) || finished.containsKey(cellId)) {
      return;
    }
    if (running.size() >= slots) {
      // Every slot was busy, so the longest-running cell has ended on its executor: Spark reports a
      // task's end after the next task's start when fetching its result takes a moment.
      String ended = running.iterator().next();
      running.remove(ended);
      ending.add(ended);
    }
    ending.remove(cellId);
    running.add(cellId);
    attempts.merge(cellId, 1, Integer::sum);
    if (firstStart < 0) {
      firstStart = clock.getAsLong();
    }
    line(
        "cell "
            + cellId
            + ": started on executor "
            + executor
            + (attempt > 0 ? " (attempt " + (attempt + 1) + ")" : ""));
  }

  /** The cell's task ended; its result reaches the driver next ({@link #finished}). */
  synchronized void taskEnded(String cellId) {
    if (running.remove(cellId)) {
      ending.add(cellId);
    }
  }

  /** A task of the cell failed; Spark retries it or gives up (then {@link #finished} follows). */
  synchronized void attemptFailed(String cellId, String reason) {
    if (!planned.containsKey(cellId)) {
      return;
    }
    running.remove(cellId);
    ending.remove(cellId);
    log.warning()
        .accept(
            "cell "
                + cellId
                + ": its task failed on attempt "
                + attempts.getOrDefault(cellId, 1)
                + " ("
                + reason
                + "); Spark retries it up to spark.task.maxFailures times");
  }

  /** The cell's result is stored (or its job failed for good). */
  synchronized void finished(CellReport report) {
    if (!planned.containsKey(report.cellId()) || finished.containsKey(report.cellId())) {
      return;
    }
    running.remove(report.cellId());
    ending.remove(report.cellId());
    finished.put(report.cellId(), report);
    if (!report.failed() && report.seconds() > 0) {
      estimatedDone += planned.get(report.cellId());
      actualDone += report.seconds();
    }
    String what =
        String.format(
            Locale.ROOT,
            "cell %s: %s%s, %.1f s",
            report.cellId(),
            report.status(),
            report.mainMetric().equals("-") ? "" : " (" + report.mainMetric() + ")",
            report.seconds());
    if (report.failed() || report.status().equals("skipped")) {
      log.warning().accept(what + ": " + report.message() + "; " + counts());
      lastLine = clock.getAsLong();
    } else {
      line(what);
    }
  }

  /** When the first cell started on an executor (the clock's milliseconds), or -1. */
  synchronized long firstStart() {
    return firstStart;
  }

  /** Logs the counts if nothing was logged for {@link #HEARTBEAT_MILLIS}. */
  synchronized void heartbeat() {
    if (clock.getAsLong() - lastLine >= HEARTBEAT_MILLIS) {
      line("still running");
    }
  }

  private void line(String event) {
    log.info().accept(event + "; " + counts());
    lastLine = clock.getAsLong();
  }

  /** E.g. {@code cells: 3/10 done (1 failed), 2 running, 5 waiting; about 4 min left (...)}. */
  synchronized String counts() {
    long failed = finished.values().stream().filter(CellReport::failed).count();
    int waiting = planned.size() - finished.size() - running.size() - ending.size();
    return String.format(
            Locale.ROOT,
            "cells: %d/%d done (%d failed), %d running, %d waiting; %s",
            finished.size(),
            planned.size(),
            failed,
            running.size(),
            waiting,
            finished.size() == planned.size()
                ? "none left"
                : "about " + duration(secondsLeft()) + " left")
        + (finished.size() == planned.size()
            ? ""
            : String.format(
                Locale.ROOT,
                " (cost model%s over %d task slot(s))",
                estimatedDone > 0 ? String.format(Locale.ROOT, " x%.2g", speed()) : "",
                slots));
  }

  /** The measured over the predicted seconds of the finished cells; 1 before any finished. */
  synchronized double speed() {
    return estimatedDone > 0 && actualDone > 0 ? actualDone / estimatedDone : 1;
  }

  /** Predicted seconds until every submitted cell has finished. */
  synchronized double secondsLeft() {
    double left = 0;
    double longest = 0;
    for (Map.Entry<String, Double> cell : planned.entrySet()) {
      if (!finished.containsKey(cell.getKey())) {
        left += cell.getValue();
        longest = Math.max(longest, cell.getValue());
      }
    }
    return Math.max(longest, left / slots) * speed();
  }

  /** Seconds as "45 s", "12 min" or "3.5 h", like the in-process runner's clock. */
  static String duration(double seconds) {
    return seconds < 120
        ? String.format(Locale.ROOT, "%.0f s", seconds)
        : seconds < 7200
            ? String.format(Locale.ROOT, "%.0f min", seconds / 60)
            : String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }
}
