package org.delvm.benchmark.plugin;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.drift.DriftChecker;
import org.delvm.benchmark.report.drift.DriftGate;
import org.delvm.benchmark.report.drift.DriftRule;
import org.delvm.benchmark.report.drift.GatePolicy;
import org.delvm.benchmark.report.drift.GateReport;
import org.delvm.benchmark.report.history.Commits;
import org.delvm.benchmark.report.history.HistorySection;

/**
 * The drift gate: compares the metrics.json that {@code reproduce} wrote with the committed
 * baseline {@code <baselineDirectory>/<plan>.json} under the POM's {@code rules}, prints the
 * comparison, writes {@code summary.md} beside the report, and fails the build when a metric moved
 * beyond its limit or disappeared. Like jacoco's {@code check}: the gate lives in the report
 * library ({@link DriftGate}, {@link DriftChecker}); this goal only maps its result to log lines
 * and the build's outcome. Bound to {@code verify}, after {@code reproduce}. With {@code history},
 * it also appends the run's gated metrics to a JSON Lines file and puts their trends across commits
 * into the report ({@link HistorySection}).
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends AbstractMojo {

  /**
   * The plan whose baseline is used: {@code <baselineDirectory>/<plan>.json}. For a plan given as a
   * path to a JSON file, the plan name recorded in metrics.json is used instead.
   */
  @Parameter(property = "delvm.plan", defaultValue = "default")
  private String plan;

  /** Where the committed baselines are, one {@code <plan>.json} per plan. */
  @Parameter(property = "delvm.baselineDirectory", defaultValue = "${project.basedir}/baselines")
  private File baselineDirectory;

  /** The report directory: metrics.json is read from it and summary.md written into it. */
  @Parameter(
      property = "delvm.outputDirectory",
      defaultValue = "${project.build.directory}/delvm-report")
  private File reportDirectory;

  /**
   * Limits on how far metrics may move, each {@code <rule>} with {@code metric} (a glob over {@code
   * <cellId>/<metricName>}), {@code direction} ({@code HIGHER_IS_BETTER}, {@code LOWER_IS_BETTER},
   * {@code BOTH}), {@code absoluteTolerance}, {@code relativeTolerance} and optionally {@code warn}
   * (default 0.5) and {@code fail} (default 1.0), multiples of the tolerance. The first matching
   * rule applies; a metric no rule matches is shown and never fails.
   */
  @Parameter private List<DriftRule> rules = List.of();

  /**
   * Require evidence for every gated metric: a gate that is INCOMPLETE (a cell skipped because its
   * data could not be had, failed, or not run) fails the build. Also on when the environment
   * variable {@code CI} is {@code true}.
   */
  @Parameter(property = "delvm.requireAllDatasets", defaultValue = "false")
  private boolean requireAllDatasets;

  /**
   * Accept missing evidence, even none at all: the gate is then INCOMPLETE with a warning, never
   * FAILED for it (a local run without the image data, for instance).
   */
  @Parameter(property = "delvm.allowMissing", defaultValue = "false")
  private boolean allowMissing;

  /** Fail the build when the gate fails; when false, the failures are only logged. */
  @Parameter(property = "delvm.haltOnFailure", defaultValue = "true")
  private boolean haltOnFailure;

  /**
   * Rewrite the baseline from the current metrics.json instead of checking (an intended change, a
   * new plan); the gate then passes. Commit the file it names.
   */
  @Parameter(property = "delvm.updateBaseline", defaultValue = "false")
  private boolean updateBaseline;

  /**
   * A JSON Lines file to which each check appends this run's gated metrics (commit, date, plan,
   * environment); the report then draws a trend chart per gated metric across the recorded commits.
   * Unset: no history. In CI, keep the file between runs (an artifact, a cache or a branch).
   */
  @Parameter(property = "delvm.history")
  private File history;

  /**
   * The commit recorded in the history. Unset: {@code GITHUB_SHA} or {@code CI_COMMIT_SHA} when CI
   * sets them, else {@code git rev-parse HEAD}.
   */
  @Parameter(property = "delvm.commit")
  private String commit;

  /** Skip the check. */
  @Parameter(property = "delvm.skip", defaultValue = "false")
  private boolean skip;

  /**
   * Set by a shard run ({@code reproduce} with {@code -Ddelvm.shard=i/N}), which writes no report:
   * the check skips, saying so. The gathered report is checked instead.
   */
  @Parameter(property = "delvm.shard")
  private String shard;

  /** Set by a dry run, which writes no report: the check skips, saying so. */
  @Parameter(property = "delvm.dryRun", defaultValue = "false")
  private boolean dryRun;

  /** The zipped report of {@code reproduce}, zipped again when the history changed the page. */
  @Parameter(defaultValue = "${project.build.directory}/delvm-report.zip", readonly = true)
  private File reportArchive;

  @Parameter(defaultValue = "${project.basedir}", readonly = true)
  private File basedir;

  /** Paths in messages are shown relative to the directory Maven was started in. */
  @Parameter(defaultValue = "${session.executionRootDirectory}", readonly = true)
  private File rootDirectory;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("delvm.skip is set: skipping the drift check");
      return;
    }
    if (shard != null && !shard.isBlank()) {
      getLog()
          .info(
              "delvm.shard="
                  + shard
                  + ": a shard writes no report, so there is nothing to check; skipping the drift"
                  + " check. Gather the shards (-Ddelvm.gather=<their results directories>) and"
                  + " check that.");
      return;
    }
    if (dryRun) {
      getLog().info("delvm.dryRun is set: no cell ran, so there is nothing to check; skipping");
      return;
    }
    GateReport report = gate();
    for (GateReport.Line line : report.lines()) {
      switch (line.level()) {
        case INFO -> getLog().info(line.text());
        case WARNING -> getLog().warn(line.text());
        case ERROR -> getLog().error(line.text());
      }
    }
    if (report.failure().isPresent()) {
      if (haltOnFailure) {
        throw new MojoFailureException(report.failure().get());
      }
      getLog().error(report.failure().get() + " (delvm.haltOnFailure is false: the build goes on)");
    }
  }

  private GateReport gate() throws MojoExecutionException, MojoFailureException {
    DriftGate gate =
        new DriftGate(
            plan,
            baselineDirectory.toPath(),
            rules,
            GatePolicy.of(System.getenv(), requireAllDatasets, allowMissing),
            this::shown);
    try {
      Path reports = reportDirectory.toPath();
      return updateBaseline ? gate.updateBaseline(reports) : gate.check(reports, history());
    } catch (ReportException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // A rule the checker cannot apply: a mistake in the POM, not in the numbers.
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private Optional<DriftGate.History> history() {
    if (history == null) {
      return Optional.empty();
    }
    String sha =
        commit == null || commit.isBlank()
            ? Commits.current(basedir == null ? Path.of(".") : basedir.toPath(), System.getenv())
            : commit.strip();
    return Optional.of(
        new DriftGate.History(
            history.toPath(), sha, reportArchive == null ? null : reportArchive.toPath()));
  }

  private String shown(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (rootDirectory != null) {
      Path root = rootDirectory.toPath().toAbsolutePath().normalize();
      if (absolute.startsWith(root)) {
        return root.relativize(absolute).toString();
      }
    }
    return absolute.toString();
  }
}
