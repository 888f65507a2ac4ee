package org.delvm.benchmark.plugin;

import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;

/**
 * Renders the report of a plan from the cell results already stored by {@code reproduce}, training
 * nothing: after changing the report or the plan's claims, or to look at a partial run. Cells
 * without a valid stored result appear as {@code not run}. With {@code gather}, it renders the
 * results of several results directories, e.g. those of a plan's shards. Not bound to a phase.
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractCellsMojo {

  /** Where {@code index.html} and {@code metrics.json} are written. */
  @Parameter(
      property = "delvm.outputDirectory",
      defaultValue = "${project.build.directory}/delvm-report")
  private File outputDirectory;

  /**
   * Results directories to gather instead of {@code resultsDirectory}, comma-separated: those of
   * the shards of a plan ({@code -Ddelvm.shard}). Each cell's first valid result is reported; a
   * cell none of them holds is {@code not run}, named in a WARNING.
   */
  @Parameter(property = "delvm.gather")
  private String gather;

  @Override
  protected void execute(Plan plan, FetchSettings fetchSettings) throws MojoFailureException {
    launcher(fetchSettings).report(plan, outputDirectory.toPath(), gathered(gather));
  }
}
