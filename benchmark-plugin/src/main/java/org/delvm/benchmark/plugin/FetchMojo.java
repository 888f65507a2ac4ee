package org.delvm.benchmark.plugin;

import org.apache.maven.plugins.annotations.Mojo;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.run.PlanDatasets;
import org.delvm.benchmark.run.RunLog;

/**
 * Fetches and verifies the datasets of a plan into the cache, e.g. on a machine with network before
 * reproducing offline. Not bound to a phase; run it as {@code mvn delvm:fetch -Ddelvm.plan=<plan>}.
 */
@Mojo(name = "fetch", threadSafe = true, requiresProject = false)
public class FetchMojo extends AbstractDelvmMojo {

  @Override
  protected void execute(Plan plan, FetchSettings fetchSettings) {
    PlanDatasets.fetch(plan, fetchSettings, true, new RunLog(getLog()::info, getLog()::warn));
  }
}
