package org.delvm.benchmark.plugin;

import java.io.File;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
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
import org.delvm.benchmark.run.Launcher;
import org.delvm.benchmark.run.PlanOutcome;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Reproduces a plan: fetches its datasets, trains and evaluates every cell, and writes the HTML
 * report and metrics.json. Finished cells are kept in {@code resultsDirectory}; a later run reuses
 * those whose definition, data and model code are unchanged, so an interrupted plan resumes. Bound
 * to {@code verify}. With {@code shard} it runs a share of the cells and renders nothing; with
 * {@code gather} it trains nothing and renders the shards' results; with {@code dryRun} it only
 * predicts the plan's cost.
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

  /**
   * Run only shard {@code i} of {@code N} ({@code 1/3} .. {@code 3/3}) into {@code
   * resultsDirectory}: a share of the cells of about equal predicted cost, the same on every
   * machine. No report is written and the {@code check} goal skips. Unset: every cell.
   */
  @Parameter(property = "delvm.shard")
  private String shard;

  /**
   * Train nothing; render the report from these results directories, comma-separated (the shards'),
   * as the {@code report} goal does: the gate then checks it as usual.
   */
  @Parameter(property = "delvm.gather")
  private String gather;

  /**
   * Run no cell: print the plan's cell count, predicted CPU-hours, critical-path cells, wall time
   * on 1, 8 and 64 workers and shard balance. No report is written and {@code check} skips.
   */
  @Parameter(property = "delvm.dryRun", defaultValue = "false")
  private boolean dryRun;

  /**
   * How the cells run: {@code in-process} (in Maven's JVM, one after another) or {@code spark} (as
   * Spark tasks, one per cell, longest first, in a forked driver JVM on {@code sparkMaster}; the
   * report is then rendered from the stored results as for a gather).
   */
  @Parameter(property = "delvm.runner", defaultValue = IN_PROCESS)
  private String runner;

  /**
   * The Spark master of {@code -Ddelvm.runner=spark}: {@code local[*]} (every core of this
   * machine), {@code local[2]}, or a cluster's URL such as {@code spark://host:7077}.
   */
  @Parameter(property = "delvm.spark.master", defaultValue = "local[*]")
  private String sparkMaster;

  @Parameter(defaultValue = "${project}", readonly = true)
  private MavenProject project;

  @Parameter(defaultValue = "${plugin}", readonly = true)
  private PluginDescriptor plugin;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true)
  private RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${project.remoteProjectRepositories}", readonly = true)
  private List<RemoteRepository> remoteRepositories;

  @Component private RepositorySystem repositorySystem;

  @Component private MavenProjectHelper projectHelper;

  private static final String IN_PROCESS = "in-process";
  private static final String SPARK = "spark";

  @Override
  protected void execute(Plan plan, FetchSettings fetchSettings) throws MojoFailureException {
    boolean sharded = shard != null && !shard.isBlank();
    boolean spark = SPARK.equals(runner);
    if (!spark && runner != null && !IN_PROCESS.equals(runner)) {
      throw new MojoFailureException(
          "delvm.runner must be " + IN_PROCESS + " or " + SPARK + ", got '" + runner + "'");
    }
    if (spark && sharded) {
      throw new MojoFailureException(
          "delvm.shard and delvm.runner=spark exclude each other: Spark spreads the cells over"
              + " its executors itself; leave delvm.shard out");
    }
    if (sharded && gather != null) {
      throw new MojoFailureException(
          "delvm.shard and delvm.gather exclude each other: run each shard with -Ddelvm.shard=i/N,"
              + " then gather their results directories in a run without delvm.shard");
    }
    Launcher launcher = launcher(fetchSettings);
    if (dryRun) {
      launcher.dryRun(launcher.shareOf(plan, shard(shard)));
      return;
    }
    if (sharded) {
      failOnFailedCells(launcher.runCells(launcher.shareOf(plan, shard(shard))), "the log above");
      return;
    }
    List<String> failedOnSpark = List.of();
    if (spark && gather == null) {
      launcher.lockResults(); // the forked driver writes it
      failedOnSpark = fork().runCells(sparkDriverArguments(), sparkMaster);
    }
    PlanOutcome outcome =
        gather == null && !spark
            ? launcher.reproduce(plan, outputDirectory.toPath())
            : launcher.report(plan, outputDirectory.toPath(), gathered(gather));
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
    if (!failedOnSpark.isEmpty()) {
      throw new MojoFailureException(
          failedOnSpark.size()
              + " cell(s) failed on Spark: "
              + String.join("; ", failedOnSpark)
              + ". The report shows them as failed, with the reason; the next run reruns only"
              + " them.");
    }
    failOnFailedCells(outcome.failed(), outcome.report().toString());
  }

  private SparkDriverFork fork() {
    return new SparkDriverFork(
        repositorySystem,
        repositorySession,
        remoteRepositories,
        plugin.getGroupId(),
        plugin.getVersion(),
        getLog());
  }
}
