package org.delvm.benchmark.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.cost.CostModel;
import org.delvm.benchmark.cost.ShardSpec;
import org.delvm.benchmark.cost.Shards;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.run.CellOutcome;
import org.delvm.benchmark.run.ComputeThreads;
import org.delvm.benchmark.run.PlanOutcome;
import org.delvm.benchmark.run.Reproducer;
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

  /**
   * The share of the plan that {@code -Ddelvm.shard=i/N} runs (logged), or the whole plan when
   * {@code shard} is unset.
   */
  protected final Plan shareOf(Plan plan, String shard) {
    if (shard == null || shard.isBlank()) {
      return plan;
    }
    ShardSpec spec = ShardSpec.parse(shard);
    Plan share = Shards.select(plan, spec);
    getLog()
        .info(
            "delvm.shard="
                + spec
                + ": this shard runs "
                + share.cells().size()
                + " of the plan's "
                + plan.cells().size()
                + " cell(s), "
                + CostModel.describePlanned(share)
                + ", into "
                + resultsDirectory
                + ". A shard renders no report and runs no gate: when every shard has run, gather"
                + " them with -Ddelvm.gather=<their results directories, comma-separated>.");
    return share;
  }

  /**
   * A reproducer that trains nothing and reports the results stored in the {@code gather}
   * directories (comma-separated), or in the results directory when {@code gather} is unset.
   */
  protected final Reproducer storedResultsReproducer(FetchSettings fetchSettings, String gather) {
    if (gather == null) {
      return storedResultsReproducer(fetchSettings);
    }
    List<Path> directories =
        Arrays.stream(gather.split(","))
            .map(String::strip)
            .filter(d -> !d.isEmpty())
            .map(Path::of)
            .toList();
    return Reproducer.gathering(fetchSettings, resultsDirectory.toPath(), directories, runLog());
  }

  /** Runs (or reuses) the plan's cells and stores them, writing no report; fails if one failed. */
  protected final void runCells(Plan plan, FetchSettings fetchSettings)
      throws MojoFailureException {
    List<CellOutcome> cells = trainingReproducer(fetchSettings).runCells(plan);
    PlanOutcome.summary(cells).forEach(getLog()::info);
    long failed = PlanOutcome.failed(cells);
    if (failed > 0) {
      throw new MojoFailureException(
          failed + " cell(s) failed; the log above has the errors. The next run reruns only them.");
    }
  }

  /** A gathered report names the cells no directory held, as a WARNING. */
  protected final void warnMissing(PlanOutcome outcome) {
    List<String> missing = outcome.notRun();
    if (!missing.isEmpty()) {
      getLog()
          .warn(
              missing.size()
                  + " cell(s) have no valid stored result and are reported as not run: "
                  + String.join(", ", missing)
                  + ". Run the shard(s) that hold them, then gather again.");
    }
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
