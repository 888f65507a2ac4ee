package org.delvm.benchmark.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;
import org.delvm.benchmark.run.Compute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cell as one Spark task, run on an executor: ND4J's threads set to {@code spark.task.cpus},
 * the cell run by the engine into a scratch results directory of its own, the stored result copied
 * to the results location. Whatever goes wrong in the cell (an exception, divergence, running out
 * of memory) is a result of the cell, stored and returned like any other; only a result that cannot
 * be stored fails the task, for Spark to retry it.
 *
 * @param plan the plan's name and description (the cell's own definition is in {@code cell})
 * @param cell the cell to run
 * @param fetch where the executor gets the cell's dataset
 * @param results where the result goes
 * @param cellTimeout a cell training longer fails (checked after each epoch); zero: no limit
 */
record CellTask(
    String planName,
    String planDescription,
    CellSpec cell,
    EngineBridge.FetchSpec fetch,
    ResultsLocation results,
    Duration cellTimeout)
    implements Serializable {

  private static final Logger LOG = LoggerFactory.getLogger(CellTask.class);

  /** Runs the cell on this executor; the Spark function of the cell's job. */
  CellReport run() throws IOException {
    TaskContext task = TaskContext.get();
    int threads = task == null ? 1 : task.cpus();
    Log log = new Log(LOG::info, LOG::warn);
    Path scratch = Files.createTempDirectory("delvm-cell-");
    try {
      CellReport report;
      try {
        report =
            EngineBridge.runCell(
                planName,
                planDescription,
                cell.json(),
                fetch,
                scratch,
                new Compute(1, threads, cellTimeout),
                log);
      } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
        // Outside the cell's own guard (data, split): still the cell's failure, not the job's.
        String reason = "the cell's task failed: " + e;
        LOG.warn("cell {}: FAILED: {}", cell.id(), reason, e);
        report = EngineBridge.storeFailure(planName, cell.json(), reason, scratch, log);
      }
      if (report.resultFile() != null) {
        results.upload(scratch.resolve(report.resultFile()), report.resultFile());
      }
      return report;
    } finally {
      deleteRecursively(scratch);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(CellTask::delete);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the scratch folder " + dir, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + file, e);
    }
  }
}
