package org.delvm.benchmark.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.delvm.benchmark.cost.ShardSpec;
import org.delvm.benchmark.datasets.DatasetException;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanException;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.run.Compute;
import org.delvm.benchmark.run.Launcher;
import org.delvm.benchmark.run.PlanOutcome;
import org.delvm.benchmark.run.RunLog;
import org.delvm.benchmark.store.ResultStoreException;

/**
 * The engine from a shell, without Maven: the same flow as the plugin's goals ({@link Launcher}),
 * for a job array, a container or a machine without Maven. Exit status 0: done; 1: cells failed
 * (their results are stored, the next run reruns them); 2: a usage, plan, data or storage error,
 * before anything was half-done.
 *
 * <pre>
 * java -cp &lt;engine classpath&gt; org.delvm.benchmark.cli.Delvm run --plan default --shard 1/3 \
 *     --results shard-1
 * </pre>
 */
public final class Delvm {

  static final String USAGE =
      """
      usage: Delvm <command> [options]
      commands:
        reproduce   run (or reuse) every cell and write the report
        run         run (or reuse) the cells and store them, no report (with --shard: a share)
        report      render the report from stored results (with --gather: the shards')
        dry-run     print the plan's predicted cost, run nothing
      options:
        --plan <name|file.json>   shipped plan (smoke, default, paper, ...) or a JSON plan [default]
        --results <dir>           results directory [delvm-results]
        --report <dir>            report directory [delvm-report]
        --shard <i/N>             run shard i of N (run, dry-run)
        --gather <a,b,c>          results directories to report from (report)
        --mirror <m1,m2>          dataset mirrors: http(s) URLs or local directories
        --cache <dir>             dataset cache [~/.cache/delvm-benchmark/datasets]
        --seeds <1,2,3>           replace every cell's seed
        --threads <n>             ND4J compute threads per cell, 0: its default [1]
        --workers <n>             cells trained at a time, 0: from cores and memory [0]
        --cell-timeout <minutes>  fail a cell that trains longer, 0: no limit [0]
        --offline                 use only the cache, local mirrors and bundled data
        --fresh                   ignore stored results
        --require-all-datasets    fail when a dataset cannot be had
      """;

  private static final Set<String> FLAGS = Set.of("offline", "fresh", "require-all-datasets");
  private static final Set<String> VALUED =
      Set.of(
          "plan",
          "results",
          "report",
          "shard",
          "gather",
          "mirror",
          "cache",
          "seeds",
          "threads",
          "workers",
          "cell-timeout");

  private Delvm() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    try {
      Map<String, String> options = options(args);
      RunLog log = new RunLog(out::println, line -> err.println("WARNING: " + line));
      return execute(args[0], options, log);
    } catch (IllegalArgumentException
        | PlanException
        | DatasetException
        | ReportException
        | ResultStoreException e) {
      err.println("ERROR: " + e.getMessage());
      return 2;
    }
  }

  private static int execute(String command, Map<String, String> o, RunLog log) {
    Plan plan =
        new PlanLoader().load(o.getOrDefault("plan", "default"), Launcher.seeds(o.get("seeds")));
    FetchSettings fetch =
        Launcher.fetchSettings(
            Path.of(
                o.getOrDefault(
                    "cache", System.getProperty("user.home") + "/.cache/delvm-benchmark/datasets")),
            o.containsKey("offline"),
            o.get("mirror"),
            log.info());
    Launcher launcher =
        new Launcher(
            fetch,
            new Launcher.Options(
                Path.of(o.getOrDefault("results", "delvm-results")),
                o.containsKey("fresh"),
                o.containsKey("require-all-datasets"),
                new Compute(
                    count("workers", o.getOrDefault("workers", "0")),
                    count("threads", o.getOrDefault("threads", "1")),
                    Duration.ofMinutes(
                        count("cell-timeout", o.getOrDefault("cell-timeout", "0"))))),
            log);
    Path report = Path.of(o.getOrDefault("report", "delvm-report"));
    Optional<ShardSpec> shard = Optional.ofNullable(o.get("shard")).map(ShardSpec::parse);
    switch (command) {
      case "dry-run" -> launcher.dryRun(launcher.shareOf(plan, shard));
      case "run" -> {
        return launcher.runCells(launcher.shareOf(plan, shard)) > 0 ? 1 : 0;
      }
      case "report" -> {
        List<Path> gathered =
            o.containsKey("gather") ? Launcher.directories(o.get("gather")) : List.of();
        launcher.report(plan, report, gathered);
      }
      case "reproduce" -> {
        if (shard.isPresent()) {
          throw new IllegalArgumentException(
              "reproduce runs every cell: run a shard with `run --shard i/N`, then `report"
                  + " --gather` the shards' results directories");
        }
        PlanOutcome outcome = launcher.reproduce(plan, report);
        return outcome.failed() > 0 ? 1 : 0;
      }
      default ->
          throw new IllegalArgumentException(
              "unknown command '" + command + "': expected reproduce, run, report or dry-run");
    }
    return 0;
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (FLAGS.contains(name)) {
        options.put(name, "true");
      } else if (VALUED.contains(name) && i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(
            "unknown or incomplete option '"
                + args[i]
                + "': see `Delvm --help` for the options and their values");
      }
    }
    return options;
  }

  private static int count(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--" + option + " must be an integer (0: chosen for you), got '" + value + "'", e);
    }
  }
}
