package org.delvm.benchmark.plugin;

import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.report.ReportArchive;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.reproduction.PlanOutcome;

/**
 * Reproduces a plan: fetches its datasets, trains and evaluates every cell, and writes the HTML
 * report and metrics.json. Finished cells are kept in {@code resultsDirectory}; a later run reuses
 * those whose definition and data are unchanged, so an interrupted plan resumes. Bound to {@code
 * verify}.
 */
@Mojo(name = "reproduce", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReproduceMojo extends AbstractCellsMojo {

  /** Where {@code index.html} and {@code metrics.json} are written. */
  @Parameter(
      property = "delvm.outputDirectory",
      defaultValue = "${project.build.directory}/delvm-report")
  private File outputDirectory;

  /**
   * The report directory, zipped, attached to the build with classifier {@code report} (type {@code
   * zip}).
   */
  @Parameter(defaultValue = "${project.build.directory}/delvm-report.zip", readonly = true)
  private File reportArchive;

  @Parameter(defaultValue = "${project}", readonly = true)
  private MavenProject project;

  @Component private MavenProjectHelper projectHelper;

  @Override
  protected void execute(Plan plan, FetchSettings fetchSettings) throws MojoFailureException {
    PlanOutcome outcome = trainingReproducer(fetchSettings).run(plan, outputDirectory.toPath());
    outcome.summary().forEach(getLog()::info);
    getLog().info("report: " + outcome.report());
    if (reportArchive != null) {
      // Exactly the files the report wrote: never a foreign file or a link beside them.
      File zip =
          ReportArchive.zip(
                  outputDirectory.toPath(),
                  List.of(ReportWriter.HTML_FILE, ReportWriter.METRICS_FILE),
                  reportArchive.toPath())
              .toFile();
      if (project != null && projectHelper != null) {
        projectHelper.attachArtifact(project, "zip", "report", zip);
      }
      getLog().info("report archive: " + zip + " (attached with classifier report)");
    }
    if (outcome.failed() > 0) {
      throw new MojoFailureException(
          outcome.failed()
              + " cell(s) failed; see "
              + outcome.report()
              + " for the errors. The next run reruns only them.");
    }
  }
}
