package org.delvm.benchmark.plugin;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.cost.ShardSpec;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.run.Compute;
import org.delvm.benchmark.run.Launcher;
import org.delvm.benchmark.run.RunLog;

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
   * ND4J's compute threads (OpenMP, OpenBLAS and libnd4j loops) per cell: 1 or more, or 0 for
   * ND4J's default (one per core). 1 by default: with one worker per core it is the fastest split
   * of the cores for every kind of cell measured (docs/scale.md), and a cell's numbers then do not
   * depend on how many cores the machine has (they depend on the thread count, by float summation
   * order).
   */
  @Parameter(property = "delvm.threads", defaultValue = "1")
  private int threads;

  /**
   * Cells trained at a time in this process, each with {@code threads} compute threads; 0: one per
   * {@code threads} cores as far as the largest cell's memory allows (one when {@code threads} is
   * 0, since ND4J's default already uses every core). Results equal a serial run's at the same
   * {@code threads}.
   */
  @Parameter(property = "delvm.workers", defaultValue = "0")
  private int workers;

  /**
   * Minutes a cell may train before it fails with that reason (checked after each epoch); 0: no
   * limit. The next run tries it again.
   */
  @Parameter(property = "delvm.cellTimeout", defaultValue = "0")
  private int cellTimeout;

  /** The engine's flow with this goal's settings, logging through Maven's log. */
  protected final Launcher launcher(FetchSettings fetchSettings) {
    return new Launcher(
        fetchSettings,
        new Launcher.Options(
            resultsDirectory.toPath(),
            fresh,
            requireAllDatasets,
            new Compute(workers, threads, Duration.ofMinutes(cellTimeout))),
        new RunLog(getLog()::info, getLog()::warn));
  }

  /**
   * The Spark driver's arguments for the cells part of a run: the plan and data ({@link
   * #planArguments}), the results directory, {@code fresh}, {@code requireAllDatasets} and {@code
   * cellTimeout}.
   */
  protected final List<String> sparkDriverArguments() {
    List<String> arguments = new java.util.ArrayList<>(planArguments());
    arguments.add("--results");
    arguments.add(resultsDirectory.getAbsolutePath());
    if (fresh) {
      arguments.add("--fresh");
    }
    if (requireAllDatasets) {
      arguments.add("--require-all-datasets");
    }
    if (cellTimeout > 0) {
      arguments.addAll(List.of("--cell-timeout", Integer.toString(cellTimeout)));
    }
    if (workers != 0 || threads != 1) {
      getLog()
          .warn(
              "delvm.workers and delvm.threads do not apply to delvm.runner=spark: each Spark task"
                  + " slot trains one cell with spark.task.cpus ND4J threads. Choose the slots"
                  + " with -Ddelvm.spark.master=local[N] or the cluster's executor cores.");
    }
    return arguments;
  }

  /** The shard of {@code -Ddelvm.shard=i/N}, none when unset. */
  protected static Optional<ShardSpec> shard(String shard) {
    return shard == null || shard.isBlank()
        ? Optional.empty()
        : Optional.of(ShardSpec.parse(shard));
  }

  /** The results directories of {@code -Ddelvm.gather}, none when unset. */
  protected static List<Path> gathered(String gather) {
    return gather == null ? List.of() : Launcher.directories(gather);
  }

  /** Fails the goal when cells failed: the log above has their errors. */
  protected static void failOnFailedCells(long failed, String where) throws MojoFailureException {
    if (failed > 0) {
      throw new MojoFailureException(
          failed
              + " cell(s) failed; see "
              + where
              + " for the errors. The next run reruns only them.");
    }
  }
}
