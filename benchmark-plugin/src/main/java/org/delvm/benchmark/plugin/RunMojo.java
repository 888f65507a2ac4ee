package org.delvm.benchmark.plugin;

import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.run.Launcher;

/**
 * Trains and evaluates the plan's cells and stores each result, writing no report: the {@code
 * report} goal renders them later, e.g. after the cells ran on several machines into one results
 * directory, or as shards gathered with {@code -Ddelvm.gather}. Not bound to a phase.
 */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractCellsMojo {

  /**
   * Run only shard {@code i} of {@code N} ({@code 1/3} .. {@code 3/3}): a share of the cells of
   * about equal predicted cost, the same on every machine. Unset: every cell.
   */
  @Parameter(property = "delvm.shard")
  private String shard;

  @Override
  protected void execute(Plan plan, FetchSettings fetchSettings) throws MojoFailureException {
    Launcher launcher = launcher(fetchSettings);
    failOnFailedCells(launcher.runCells(launcher.shareOf(plan, shard(shard))), "the log above");
  }
}
