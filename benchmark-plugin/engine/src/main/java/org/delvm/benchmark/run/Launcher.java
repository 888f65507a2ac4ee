package org.delvm.benchmark.run;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.delvm.benchmark.cost.CostModel;
import org.delvm.benchmark.cost.DryRun;
import org.delvm.benchmark.cost.ShardSpec;
import org.delvm.benchmark.cost.Shards;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.report.DirectoryLock;

/**
 * What every entry point does with a loaded plan: the Maven goals, the command line ({@code
 * cli.Delvm}) and the distributed runners call these and only map the results to their log and exit
 * status. Like Surefire's common module under its plugins: one flow, several thin shells.
 */
public final class Launcher {

  /**
   * How cells run.
   *
   * @param resultsDirectory where finished cells are stored, one folder per plan
   * @param fresh ignore stored results (the new results replace them)
   * @param requireAllDatasets fail when a dataset cannot be had, instead of skipping its cells
   * @param compute cells at a time, compute threads per cell, time limit per cell
   */
  public record Options(
      Path resultsDirectory, boolean fresh, boolean requireAllDatasets, Compute compute) {}

  private final FetchSettings fetchSettings;
  private final Options options;
  private final RunLog log;

  public Launcher(FetchSettings fetchSettings, Options options, RunLog log) {
    this.fetchSettings = fetchSettings;
    this.options = options;
    this.log = log;
  }

  /** The share of the plan a shard runs ({@code i/N}, logged), or the whole plan. */
  public Plan shareOf(Plan plan, Optional<ShardSpec> shard) {
    if (shard.isEmpty()) {
      return plan;
    }
    Plan share = Shards.select(plan, shard.get());
    log.info()
        .accept(
            "delvm.shard="
                + shard.get()
                + ": this shard runs "
                + share.cells().size()
                + " of the plan's "
                + plan.cells().size()
                + " cell(s), "
                + CostModel.describePlanned(share)
                + ", into "
                + options.resultsDirectory()
                + ". A shard renders no report and runs no gate: when every shard has run, gather"
                + " them with -Ddelvm.gather=<their results directories, comma-separated>.");
    return share;
  }

  /** Logs the plan's predicted cost, running nothing. */
  public void dryRun(Plan plan) {
    DryRun.describe(plan).forEach(log.info());
  }

  /** Runs (or reuses) the plan's cells and stores them, writing no report; returns the failures. */
  public long runCells(Plan plan) {
    lockResults();
    List<CellOutcome> cells = training().runCells(plan);
    PlanOutcome.summary(cells).forEach(log.info());
    return PlanOutcome.failed(cells);
  }

  /** Runs (or reuses) every cell and writes the report into {@code reportDirectory}. */
  public PlanOutcome reproduce(Plan plan, Path reportDirectory) {
    lockResults();
    lockReport(reportDirectory);
    return logged(training().run(plan, reportDirectory));
  }

  /**
   * Renders the report from stored results, training nothing: those in {@code gathered} (the
   * shards' results directories), or in the results directory when it is empty. Cells none holds
   * are named in a warning.
   */
  public PlanOutcome report(Plan plan, Path reportDirectory, List<Path> gathered) {
    lockResults(); // its scratch files
    lockReport(reportDirectory);
    Reproducer stored =
        gathered.isEmpty()
            ? Reproducer.fromStoredResults(fetchSettings, options.resultsDirectory(), log)
            : Reproducer.gathering(fetchSettings, options.resultsDirectory(), gathered, log);
    PlanOutcome outcome = logged(stored.run(plan, reportDirectory));
    List<String> missing = outcome.notRun();
    if (!missing.isEmpty()) {
      log.warning()
          .accept(
              missing.size()
                  + " cell(s) have no valid stored result and are reported as not run: "
                  + String.join(", ", missing)
                  + ". Run the shard(s) that hold them, then gather again.");
    }
    return outcome;
  }

  /** The results directories of a comma-separated list, e.g. {@code -Ddelvm.gather=a,b,c}. */
  public static List<Path> directories(String commaSeparated) {
    List<Path> directories =
        Arrays.stream(commaSeparated.split(","))
            .map(String::strip)
            .filter(d -> !d.isEmpty())
            .map(Path::of)
            .toList();
    if (directories.isEmpty()) {
      throw new IllegalArgumentException(
          "delvm.gather lists no results directory: give them comma-separated, e.g."
              + " -Ddelvm.gather=shard-1,shard-2,shard-3");
    }
    return directories;
  }

  /** Seeds given as comma-separated integers ({@code -Ddelvm.seeds=1,2,3}); none when blank. */
  public static List<Long> seeds(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) {
      return List.of();
    }
    try {
      return Arrays.stream(commaSeparated.split(",")).map(String::trim).map(Long::valueOf).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "delvm.seeds must be comma-separated integers such as 1,2,3, got '"
              + commaSeparated
              + "'. Fix it or leave it out to use the plan's seeds.",
          e);
    }
  }

  /** Fetch settings with the mirrors of a comma-separated list (URLs or local directories). */
  public static FetchSettings fetchSettings(
      Path cacheDirectory,
      boolean offline,
      String mirrors,
      java.util.function.Consumer<String> log) {
    FetchSettings.Builder fetch =
        FetchSettings.builder().cacheDirectory(cacheDirectory).offline(offline).log(log);
    if (mirrors != null) {
      Arrays.stream(mirrors.split(","))
          .map(String::trim)
          .filter(m -> !m.isEmpty())
          .forEach(fetch::addMirror);
    }
    return fetch.build();
  }

  /**
   * Two builds in one results directory would interleave their cells: the second one stops. Public
   * for a runner in another process (the Spark driver), which writes the directory while this
   * process holds the lock.
   */
  public void lockResults() {
    DirectoryLock.acquire(
        options.resultsDirectory(), "results directory", "delvm.resultsDirectory");
  }

  /** Two builds in one report directory would replace each other's metrics.json. */
  private static void lockReport(Path reportDirectory) {
    DirectoryLock.acquire(reportDirectory, "report directory", "delvm.outputDirectory");
  }

  private Reproducer training() {
    log.info().accept(ComputeThreads.apply(options.compute().threads()));
    return new Reproducer(
            fetchSettings,
            options.resultsDirectory(),
            options.fresh(),
            options.requireAllDatasets(),
            log)
        .computing(options.compute());
  }

  private PlanOutcome logged(PlanOutcome outcome) {
    outcome.summary().forEach(log.info());
    log.info().accept("report: " + outcome.report());
    return outcome;
  }
}
