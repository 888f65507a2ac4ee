package org.delvm.benchmark.spark;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The Spark driver of a plan: {@code spark-submit --class org.delvm.benchmark.spark.SparkDriver
 * <jar> <plan> --results <uri>}. Runs the plan's cells as Spark tasks ({@link SparkPlanRun}) and
 * logs a table of them; the report is rendered afterwards from the results directory ({@code
 * delvm:report -Ddelvm.gather=<it>}). Exits 0 when every cell has a result, failed cells included
 * (they are results, and the next run computes them again); 2 on a wrong command line, 1 when the
 * run itself could not go on (an unreadable results location, say).
 */
public final class SparkDriver {

  private static final Logger LOG = LoggerFactory.getLogger(SparkDriver.class);

  private SparkDriver() {}

  public static void main(String[] args) {
    DriverArguments arguments;
    try {
      arguments = DriverArguments.parse(args);
    } catch (IllegalArgumentException e) {
      LOG.error(e.getMessage());
      System.exit(2);
      return;
    }
    try {
      run(arguments);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.error("interrupted; the cells that finished are stored and a rerun resumes after them");
      System.exit(1);
    } catch (RuntimeException e) {
      LOG.error("the plan cannot run: {}", e.getMessage(), e);
      System.exit(1);
    }
  }

  /** Runs the plan on a Spark context made from spark-submit's settings (or local[*]). */
  static SparkPlanRun.Outcome run(DriverArguments arguments) throws InterruptedException {
    Log log = new Log(LOG::info, LOG::warn);
    PlanCells plan = EngineBridge.load(arguments.plan(), arguments.seeds()).only(arguments.cells());
    SparkConf conf = new SparkConf().setAppName("delvm " + plan.name());
    conf.setIfMissing("spark.master", arguments.master() == null ? "local[*]" : arguments.master());
    threadEnvironment(conf);
    executorJvmCores(conf);
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      if (arguments.sparkLogLevel() != null) {
        spark.setLogLevel(arguments.sparkLogLevel());
      }
      SparkPlanRun.Settings settings =
          new SparkPlanRun.Settings(
              new ResultsLocation(arguments.results(), hadoopSettings(conf)),
              new EngineBridge.FetchSpec(
                  arguments.cache(),
                  arguments.mirrors(),
                  arguments.offline(),
                  arguments.requireAllDatasets()),
              arguments.fresh(),
              arguments.cellTimeout());
      SparkPlanRun.Outcome outcome = SparkPlanRun.run(spark, plan, settings, log);
      outcome.table().forEach(log.info());
      if (arguments.outcome() != null) {
        outcome.write(Path.of(arguments.outcome()));
      }
      log.info()
          .accept(
              "plan "
                  + plan.name()
                  + ": results in "
                  + settings.results()
                  + (outcome.failed() > 0
                      ? "; " + outcome.failed() + " cell(s) failed (see above); a rerun runs them"
                      : "")
                  + ". Render the report with delvm:report -Ddelvm.gather=<that directory>");
      return outcome;
    }
  }

  /**
   * The executors' native thread settings, unless given: OpenMP and OpenBLAS size their thread
   * pools from the environment when ND4J loads, before a task can set its threads, and OpenMP's
   * idle threads spin unless told to sleep. With two executors of one core each on two cores, the
   * cells took 1.5x their time on one executor without these settings, 1.2-1.3x with them
   * (docs/spark.md, "Scale-out").
   */
  static void threadEnvironment(SparkConf conf) {
    String taskCpus = conf.get("spark.task.cpus", "1");
    for (String variable : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
      conf.setIfMissing("spark.executorEnv." + variable, taskCpus);
    }
    conf.setIfMissing("spark.executorEnv.OMP_WAIT_POLICY", "passive");
  }

  /**
   * Executor JVMs sized for their {@code spark.executor.cores}, unless the JVM options already say
   * how many processors: a standalone worker starts executors that see every core of the machine
   * (YARN and Kubernetes containers usually do not), and each sizes its garbage collector and JIT
   * compiler for all of them, as if the machine were its alone. Measured on two cores, the effect
   * was within the spread of runs (docs/spark.md, "Scale-out"): it is set because it is what the
   * executor's cores say, as a container would. Added to {@code spark.executor.defaultJavaOptions},
   * which {@code spark.executor.extraJavaOptions} follows and so overrides.
   */
  static void executorJvmCores(SparkConf conf) {
    String cores = conf.get("spark.executor.cores", null);
    String defaults = conf.get("spark.executor.defaultJavaOptions", "");
    if (cores == null
        || defaults.contains("ActiveProcessorCount")
        || conf.get("spark.executor.extraJavaOptions", "").contains("ActiveProcessorCount")) {
      return;
    }
    conf.set(
        "spark.executor.defaultJavaOptions",
        (defaults + " -XX:ActiveProcessorCount=" + cores).strip());
  }

  /** {@code spark.hadoop.*} settings, without the prefix: the results' file system settings. */
  static Map<String, String> hadoopSettings(SparkConf conf) {
    Map<String, String> hadoop = new HashMap<>();
    for (Tuple2<String, String> entry : conf.getAll()) {
      if (entry._1().startsWith("spark.hadoop.")) {
        hadoop.put(entry._1().substring("spark.hadoop.".length()), entry._2());
      }
    }
    return hadoop;
  }
}
