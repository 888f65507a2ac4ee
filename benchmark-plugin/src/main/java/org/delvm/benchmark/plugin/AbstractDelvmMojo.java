package org.delvm.benchmark.plugin;

import java.io.File;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.datasets.DatasetException;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanException;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.run.Launcher;
import org.delvm.benchmark.store.ResultStoreException;

/**
 * What every goal shares: the plan, where its data comes from, and skipping. Subclasses do their
 * work in plain classes; the problems a user can fix (a bad plan, missing data, an unwritable
 * folder) become a {@link MojoFailureException} with the message that says how.
 */
public abstract class AbstractDelvmMojo extends AbstractMojo {

  /**
   * The plan: a shipped plan ({@code smoke}, {@code default}, {@code paper}) or a path to a JSON
   * plan.
   */
  @Parameter(property = "delvm.plan", defaultValue = "default")
  private String plan;

  /**
   * Dataset mirrors, tried in order before the canonical sources: comma-separated http(s) URLs or
   * local directories laid out as {@code <mirror>/<dataset-id>/<file>}.
   */
  @Parameter(property = "delvm.mirror")
  private String mirror;

  /** Where verified dataset files are cached between builds. */
  @Parameter(
      property = "delvm.cache",
      defaultValue = "${user.home}/.cache/delvm-benchmark/datasets")
  private File cacheDirectory;

  /** Use only the cache, local mirrors and bundled data; true when Maven runs offline. */
  @Parameter(property = "delvm.offline", defaultValue = "${settings.offline}")
  private boolean offline;

  /**
   * Seeds that replace every cell's own: comma-separated, e.g. {@code 1,2,3}; each cell then runs
   * once per seed and the report shows mean and std. Empty: the plan's seeds.
   */
  @Parameter(property = "delvm.seeds")
  private String seeds;

  /** Skip the goal. */
  @Parameter(property = "delvm.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public final void execute() throws MojoFailureException {
    if (skip) {
      getLog().info("delvm.skip is set: skipping");
      return;
    }
    try {
      execute(new PlanLoader().load(plan, seeds()), fetchSettings());
    } catch (PlanException
        | DatasetException
        | ReportException
        | ResultStoreException
        | IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  /** The goal's work on the loaded plan. */
  protected abstract void execute(Plan plan, FetchSettings fetchSettings)
      throws MojoFailureException;

  /**
   * The plan, seeds and data settings as given, for a forked JVM that loads the plan itself ({@code
   * -Ddelvm.runner=spark}): arguments of the Spark driver.
   */
  protected final List<String> planArguments() {
    List<String> arguments = new java.util.ArrayList<>(List.of(plan));
    List<Long> planSeeds = seeds();
    if (!planSeeds.isEmpty()) {
      arguments.add("--seeds");
      arguments.add(String.join(",", planSeeds.stream().map(String::valueOf).toList()));
    }
    arguments.add("--cache");
    arguments.add(cacheDirectory.getAbsolutePath());
    if (mirror != null && !mirror.isBlank()) {
      arguments.add("--mirror");
      arguments.add(mirror);
    }
    if (offline) {
      arguments.add("--offline");
    }
    return arguments;
  }

  private List<Long> seeds() {
    return Launcher.seeds(seeds);
  }

  private FetchSettings fetchSettings() {
    return Launcher.fetchSettings(cacheDirectory.toPath(), offline, mirror, getLog()::info);
  }
}
