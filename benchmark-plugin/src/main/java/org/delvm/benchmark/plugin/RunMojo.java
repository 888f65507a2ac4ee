package org.delvm.benchmark.plugin;

import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.reproduction.CellOutcome;
import org.delvm.benchmark.reproduction.PlanOutcome;

/**
 * Trains and evaluates the plan's cells and stores each result, writing no report: the {@code
 * report} goal renders them later, e.g. after the cells ran on several machines into one results
 * directory. Not bound to a phase.
 */
@Mojo(name = "run", threadSafe = true)
public class RunMojo extends AbstractCellsMojo {

  @Override
  protected void execute(Plan plan, FetchSettings fetchSettings) throws MojoFailureException {
    List<CellOutcome> cells = trainingReproducer(fetchSettings).runCells(plan);
    PlanOutcome.summary(cells).forEach(getLog()::info);
    long failed = PlanOutcome.failed(cells);
    if (failed > 0) {
      throw new MojoFailureException(
          failed + " cell(s) failed; the log above has the errors. The next run reruns only them.");
    }
  }
}
