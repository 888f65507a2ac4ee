package org.delvm.benchmark.run;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.delvm.benchmark.plan.Plan;

/**
 * Runs a three-cell plan in its own JVM so that {@link KillAndResumeTest} can kill it mid-plan. The
 * second cell is long enough to be killed in.
 */
public final class PlanInChildJvm {

  static final Plan PLAN =
      new Plan(
          "killed",
          "three cells, the second one slow",
          List.of(
              TinyPlans.cell("first"),
              TinyPlans.cell("second", "sm", 1e-3, 32, 10),
              TinyPlans.cell("third")));

  private PlanInChildJvm() {}

  /** Argument: the work folder, holding {@code cache/}, {@code results/} and {@code report/}. */
  public static void main(String[] args) {
    Path work = Path.of(args[0]);
    reproducer(work, System.out::println).run(PLAN, work.resolve("report"));
  }

  static Reproducer reproducer(Path work, Consumer<String> log) {
    return new Reproducer(
        TinyPlans.offline(work.resolve("cache")), work.resolve("results"), false, log);
  }
}
