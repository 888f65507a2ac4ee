package org.delvm.benchmark.plugin;

import java.io.File;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.reproduction.ComputeThreads;
import org.delvm.benchmark.reproduction.Reproducer;
import org.delvm.benchmark.reproduction.RunLog;

/** What the goals that run or report a plan's cells share: where results live and how to run. */
abstract class AbstractCellsMojo extends AbstractDelvmMojo {

  /**
   * Where each finished cell's result is kept, as {@code <plan>/<cellId>.json}, for reuse by the
   * next run and by the {@code report} goal.
   */
  @Parameter(
      property = "delvm.resultsDirectory",
      defaultValue = "${project.build.directory}/delvm-results")
  private File resultsDirectory;

  /**
   * Run every cell again, ignoring stored results (the new results replace them); {@code run} and
   * {@code reproduce} only.
   */
  @Parameter(property = "delvm.fresh", defaultValue = "false")
  private boolean fresh;

  /**
   * Fail when a dataset of the plan cannot be had (offline, no mirror). By default its cells are
   * skipped with that reason, so a machine without the image datasets still runs the ECG cells.
   */
  @Parameter(property = "delvm.requireAllDatasets", defaultValue = "false")
  private boolean requireAllDatasets;

  /**
   * ND4J's compute threads (OpenMP, OpenBLAS and libnd4j loops) for training: 1 or more, or 0 for
   * ND4J's default (one per core). On a shared or busy machine 1 is often much faster.
   */
  @Parameter(property = "delvm.threads", defaultValue = "0")
  private int threads;

  /**
   * A reproducer that trains the cells that have no valid stored result, on this thread with the
   * configured compute threads (ND4J's OpenMP setting is per calling thread).
   */
  protected final Reproducer trainingReproducer(FetchSettings fetchSettings) {
    getLog().info(ComputeThreads.apply(threads));
    return new Reproducer(
        fetchSettings, resultsDirectory.toPath(), fresh, requireAllDatasets, runLog());
  }

  /** A reproducer that trains nothing and reports the stored results. */
  protected final Reproducer storedResultsReproducer(FetchSettings fetchSettings) {
    return Reproducer.fromStoredResults(fetchSettings, resultsDirectory.toPath(), runLog());
  }

  /** Maven's log: warnings (skipped cells, rejected results) at WARNING level, not INFO. */
  private RunLog runLog() {
    return new RunLog(getLog()::info, getLog()::warn);
  }
}
