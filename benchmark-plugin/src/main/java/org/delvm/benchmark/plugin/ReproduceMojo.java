package org.delvm.benchmark.plugin;

import java.io.File;
import java.util.Arrays;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.delvm.benchmark.datasets.DatasetException;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanException;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.reproduction.Reproducer;

/**
 * Reproduces a plan: fetches its datasets, trains and evaluates every cell, and writes the HTML
 * report and metrics.json. Bound to {@code verify}.
 */
@Mojo(name = "reproduce", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReproduceMojo extends AbstractMojo {

  /** The plan to run: a shipped plan ({@code smoke}, {@code default}) or a path to a JSON plan. */
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

  /** Where {@code index.html} and {@code metrics.json} are written. */
  @Parameter(
      property = "delvm.outputDirectory",
      defaultValue = "${project.build.directory}/delvm-report")
  private File outputDirectory;

  /** Use only the cache, local mirrors and bundled data; true when Maven runs offline. */
  @Parameter(property = "delvm.offline", defaultValue = "${settings.offline}")
  private boolean offline;

  /** Skip the reproduction. */
  @Parameter(property = "delvm.skip", defaultValue = "false")
  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("delvm.skip is set: skipping the reproduction");
      return;
    }
    Reproduction result;
    try {
      FetchSettings.Builder fetch =
          FetchSettings.builder()
              .cacheDirectory(cacheDirectory.toPath())
              .offline(offline)
              .log(getLog()::info);
      if (mirror != null) {
        Arrays.stream(mirror.split(","))
            .map(String::trim)
            .filter(m -> !m.isEmpty())
            .forEach(fetch::addMirror);
      }
      Plan loaded = new PlanLoader().load(plan);
      result = new Reproducer(fetch.build(), getLog()::info).run(loaded, outputDirectory.toPath());
    } catch (PlanException | DatasetException | ReportException | IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    long failed = result.cells().stream().filter(c -> c.status().equals("failed")).count();
    for (CellResult c : result.cells()) {
      getLog().info(String.format("  %-40s %s", c.id(), c.status()));
    }
    if (failed > 0) {
      throw new MojoFailureException(
          failed + " cell(s) failed; see " + outputDirectory + "/index.html for the errors");
    }
  }
}
