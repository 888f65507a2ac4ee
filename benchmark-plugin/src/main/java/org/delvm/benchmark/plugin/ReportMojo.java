package org.delvm.benchmark.plugin;

import java.io.File;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.reproduction.PlanOutcome;
import org.delvm.benchmark.reproduction.Reproducer;

/**
 * Renders the report of a plan from the cell results already stored by {@code reproduce}, training
 * nothing: after changing the report or the plan's claims, or to look at a partial run. Cells
 * without a valid stored result appear as {@code not run}. Not bound to a phase.
 */
@Mojo(name = "report", threadSafe = true)
public class ReportMojo extends AbstractDelvmMojo {

  /** Where {@code index.html} and {@code metrics.json} are written. */
  @Parameter(
      property = "delvm.outputDirectory",
      defaultValue = "${project.build.directory}/delvm-report")
  private File outputDirectory;

  /** Where {@code reproduce} stored each finished cell's result. */
  @Parameter(
      property = "delvm.resultsDirectory",
      defaultValue = "${project.build.directory}/delvm-results")
  private File resultsDirectory;

  @Override
  protected void execute(Plan plan, FetchSettings fetchSettings) throws MojoFailureException {
    PlanOutcome outcome =
        Reproducer.fromStoredResults(fetchSettings, resultsDirectory.toPath(), getLog()::info)
            .run(plan, outputDirectory.toPath());
    outcome.summary().forEach(getLog()::info);
    getLog().info("report: " + outcome.report());
  }
}
