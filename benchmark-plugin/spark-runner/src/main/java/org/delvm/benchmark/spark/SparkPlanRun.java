package org.delvm.benchmark.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a plan's cells on a Spark cluster, from the driver: the cells without a valid stored result
 * in the results location, one Spark job of one task per cell, submitted longest first by the cost
 * model (Spark's FIFO scheduler starts them in that order), so the longest cells do not start last.
 * A cell whose task fails on every attempt Spark makes (its executor lost, say) is stored as a
 * failed cell, and the other cells go on.
 */
final class SparkPlanRun {

  /** How often the driver looks at its cells' jobs. */
  private static final long POLL_MILLIS = 200;

  /**
   * @param results where results are stored and resumed from
   * @param fetch where executors get the data
   * @param fresh run every cell, ignoring stored results (the new ones replace them)
   * @param cellTimeout a cell training longer fails (checked after each epoch); zero: no limit
   */
  record Settings(
      ResultsLocation results,
      EngineBridge.FetchSpec fetch,
      boolean fresh,
      java.time.Duration cellTimeout) {}

  /**
   * @param cells every cell's report, in plan order
   * @param reused the ids of the cells whose stored result was valid (not submitted)
   * @param seconds the wall time from the first cell's submission until the last one finished
   * @param startupSeconds of those, the time until the first cell started on an executor (executors
   *     starting, the first task shipped)
   */
  record Outcome(
      List<CellReport> cells, Set<String> reused, double seconds, double startupSeconds) {

    long failed() {
      return cells.stream().filter(CellReport::failed).count();
    }

    /**
     * Writes {@code {"cells": [{"cellId", "status", "message", ...}], "reused": [...]}} to {@code
     * file}, through a temporary file renamed into place.
     */
    void write(Path file) {
      try {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
          new com.fasterxml.jackson.databind.ObjectMapper()
              .writerWithDefaultPrettyPrinter()
              .writeValue(
                  temp.toFile(),
                  Map.of(
                      "cells",
                      cells,
                      "reused",
                      reused,
                      "seconds",
                      seconds,
                      "startupSeconds",
                      startupSeconds));
          Files.move(
              temp,
              file,
              java.nio.file.StandardCopyOption.ATOMIC_MOVE,
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
          Files.deleteIfExists(temp);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot write the cells' outcome to " + file, e);
      }
    }

    /** A table of the cells: id, status, main metric, seconds, new or reused. */
    List<String> table() {
      int width = cells.stream().mapToInt(c -> c.cellId().length()).max().orElse(4);
      List<String> lines = new ArrayList<>();
      lines.add(
          String.format(
              java.util.Locale.ROOT,
              "%-" + Math.max(width, 4) + "s  %-9s  %-14s  %9s  %s",
              "cell",
              "status",
              "main metric",
              "seconds",
              "result"));
      for (CellReport c : cells) {
        lines.add(c.row(width) + "  " + (reused.contains(c.cellId()) ? "reused" : "new"));
      }
      return lines;
    }
  }

  private SparkPlanRun() {}

  /** Runs the plan's cells that need running and waits for them. */
  static Outcome run(JavaSparkContext spark, PlanCells plan, Settings settings, Log log)
      throws InterruptedException {
    Path scratch;
    try {
      scratch = Files.createTempDirectory("delvm-driver-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a scratch folder for the driver", e);
    }
    try {
      return run(spark, plan, settings, log, scratch);
    } finally {
      CellTask.deleteRecursively(scratch);
    }
  }

  private static Outcome run(
      JavaSparkContext spark, PlanCells plan, Settings settings, Log log, Path scratch)
      throws InterruptedException {
    Map<String, CellReport> reports = new LinkedHashMap<>();
    Set<String> reused = resume(plan, settings, log, scratch, reports);
    List<CellSpec> toRun =
        plan.cells().stream()
            .filter(c -> !reused.contains(c.id()))
            .sorted(Comparator.comparingDouble(CellSpec::plannedSeconds).reversed())
            .toList(); // a stable sort: ties keep plan order
    int taskCpus = spark.getConf().getInt("spark.task.cpus", 1);
    int slots = Math.max(1, spark.defaultParallelism() / taskCpus);
    log.info()
        .accept(
            String.format(
                java.util.Locale.ROOT,
                "plan %s: %d cell(s), %d with a valid stored result in %s (not submitted again),"
                    + " %d to run as Spark tasks, longest first (cost model: %s on one core);"
                    + " master %s, %d cpu(s) per task = ND4J threads",
                plan.name(),
                plan.cells().size(),
                reused.size(),
                settings.results(),
                toRun.size(),
                Progress.duration(toRun.stream().mapToDouble(CellSpec::plannedSeconds).sum()),
                spark.master(),
                taskCpus));
    Progress progress = new Progress(toRun, slots, log, System::currentTimeMillis);
    ProgressListener listener = new ProgressListener(progress, taskCpus);
    spark.sc().addSparkListener(listener);
    Map<CellSpec, JavaFutureAction<List<CellReport>>> jobs = new LinkedHashMap<>();
    long start = System.currentTimeMillis();
    try {
      for (CellSpec cell : toRun) {
        CellTask task =
            new CellTask(
                plan.name(),
                plan.description(),
                cell,
                settings.fetch(),
                settings.results(),
                settings.cellTimeout());
        spark.setLocalProperty(ProgressListener.CELL_PROPERTY, cell.id());
        spark.setJobDescription("delvm cell " + cell.id());
        jobs.put(cell, spark.parallelize(List.of(task), 1).map(CellTask::run).collectAsync());
      }
      spark.setLocalProperty(ProgressListener.CELL_PROPERTY, null);
      spark.setJobDescription(null);
      while (!jobs.isEmpty()) {
        Thread.sleep(POLL_MILLIS);
        var it = jobs.entrySet().iterator();
        while (it.hasNext()) {
          var job = it.next();
          if (job.getValue().isDone()) {
            it.remove();
            CellReport report = outcome(plan, job.getKey(), job.getValue(), settings, log, scratch);
            reports.put(report.cellId(), report);
            progress.finished(report);
          }
        }
        progress.heartbeat();
      }
    } finally {
      jobs.values().forEach(job -> job.cancel(true)); // interrupted: stop what still runs
      spark.sc().removeSparkListener(listener);
    }
    List<CellReport> inPlanOrder = new ArrayList<>();
    for (CellSpec cell : plan.cells()) {
      inPlanOrder.add(reports.get(cell.id()));
    }
    long end = System.currentTimeMillis();
    long firstStart = progress.firstStart() < 0 ? end : progress.firstStart();
    return new Outcome(inPlanOrder, reused, (end - start) / 1e3, (firstStart - start) / 1e3);
  }

  /**
   * The cells whose stored result in the results location is valid, by the engine's rules, with
   * their reports; none when {@code fresh}.
   */
  private static Set<String> resume(
      PlanCells plan, Settings settings, Log log, Path scratch, Map<String, CellReport> reports) {
    if (settings.fresh()) {
      log.info().accept("delvm.fresh: every cell runs again; the new results replace the stored");
      return Set.of();
    }
    String folder = EngineBridge.planFolder(plan.name(), scratch);
    int copied;
    try {
      copied = settings.results().download(folder, scratch);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot read the stored results in "
              + settings.results()
              + "/"
              + folder
              + ": "
              + e.getMessage()
              + ". Check the results URI and the Hadoop settings for its file system"
              + " (spark.hadoop.*), or pass --fresh to run every cell.",
          e);
    }
    if (copied == 0) {
      return Set.of();
    }
    // The engine's check logs a line per cell; the summary below says what matters.
    Log quiet = new Log(line -> {}, log.warning());
    List<CellReport> valid = EngineBridge.validStored(plan, settings.fetch(), scratch, quiet);
    valid.forEach(r -> reports.put(r.cellId(), r));
    return valid.stream().map(CellReport::cellId).collect(java.util.stream.Collectors.toSet());
  }

  /** The cell's report; a job that failed for good becomes a stored failed-cell record. */
  private static CellReport outcome(
      PlanCells plan,
      CellSpec cell,
      JavaFutureAction<List<CellReport>> job,
      Settings settings,
      Log log,
      Path scratch)
      throws InterruptedException {
    try {
      return job.get().get(0);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String reason =
          "its Spark task failed on every attempt ("
              + String.valueOf(cause.getMessage()).lines().findFirst().orElse(cause.toString())
              + "); an executor lost to the operating system's or the cluster's memory limit"
              + " ends so: raise spark.executor.memory or spark.executor.memoryOverhead";
      CellReport failed = EngineBridge.storeFailure(plan.name(), cell.json(), reason, scratch, log);
      try {
        settings.results().upload(scratch.resolve(failed.resultFile()), failed.resultFile());
      } catch (IOException io) {
        log.warning()
            .accept(
                "cell "
                    + cell.id()
                    + ": cannot store its failed-cell record in "
                    + settings.results()
                    + " ("
                    + io
                    + "); the next run computes it again");
      }
      return failed;
    }
  }
}
