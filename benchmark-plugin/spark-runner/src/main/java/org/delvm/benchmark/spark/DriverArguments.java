package org.delvm.benchmark.spark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The driver's command line: {@code <plan> --results <uri> [options]}, as spark-submit passes it
 * after the application jar (and as {@code delvm:reproduce -Ddelvm.runner=spark} does).
 *
 * @param plan a shipped plan's name or a plan file on the driver
 * @param results the results directory (URI or local path)
 * @param seeds seeds that replace every cell's own (empty: the plan's)
 * @param cache the dataset cache on every executor, or null for each machine's default
 * @param mirrors dataset mirrors (URLs, or folders every executor can read)
 * @param master the Spark master when spark-submit gave none (default {@code local[*]})
 * @param sparkLogLevel Spark's log level for this driver, or null to keep Spark's configuration
 * @param outcome a local file for the cells' statuses as JSON, or null
 * @param cells the ids of the cells to run (empty: every cell of the plan)
 * @param cellTimeout a cell training longer fails (checked after each epoch); zero: no limit
 */
record DriverArguments(
    String plan,
    String results,
    List<Long> seeds,
    String cache,
    List<String> mirrors,
    boolean offline,
    boolean fresh,
    boolean requireAllDatasets,
    String master,
    String sparkLogLevel,
    String outcome,
    List<String> cells,
    Duration cellTimeout) {

  static final String USAGE =
      "usage: spark-submit --class "
          + SparkDriver.class.getName()
          + " <delvm-spark-runner jar> <plan name or plan file> --results <uri>"
          + " [--seeds 1,2,3] [--cache <dir on each executor>] [--mirror <url or dir>,...]"
          + " [--offline] [--fresh] [--require-all-datasets] [--master <url, when spark-submit"
          + " gives none>] [--spark-log-level WARN]"
          + " [--outcome <local file for the cells' statuses, JSON>] [--cells <id>,...]"
          + " [--cell-timeout <minutes>]";

  /** Parses the arguments; an {@link IllegalArgumentException} says what is wrong and the usage. */
  static DriverArguments parse(String... args) {
    String plan = null;
    String results = null;
    List<Long> seeds = List.of();
    String cache = null;
    List<String> mirrors = List.of();
    boolean offline = false;
    boolean fresh = false;
    boolean requireAll = false;
    String master = null;
    String logLevel = null;
    String outcome = null;
    List<String> cells = List.of();
    Duration cellTimeout = Duration.ZERO;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--results" -> results = value(args, ++i, arg);
        case "--seeds" -> seeds = seeds(value(args, ++i, arg));
        case "--cache" -> cache = value(args, ++i, arg);
        case "--mirror" -> mirrors = list(value(args, ++i, arg));
        case "--offline" -> offline = true;
        case "--fresh" -> fresh = true;
        case "--require-all-datasets" -> requireAll = true;
        case "--master" -> master = value(args, ++i, arg);
        case "--spark-log-level" -> logLevel = value(args, ++i, arg);
        case "--outcome" -> outcome = value(args, ++i, arg);
        case "--cells" -> cells = list(value(args, ++i, arg));
        case "--cell-timeout" -> cellTimeout = minutes(value(args, ++i, arg));
        default -> {
          if (arg.startsWith("--") || plan != null) {
            throw new IllegalArgumentException("unknown argument '" + arg + "'. " + USAGE);
          }
          plan = arg;
        }
      }
    }
    if (plan == null || results == null) {
      throw new IllegalArgumentException(
          (plan == null ? "no plan given" : "no --results given") + ". " + USAGE);
    }
    return new DriverArguments(
        plan,
        results,
        seeds,
        cache,
        mirrors,
        offline,
        fresh,
        requireAll,
        master,
        logLevel,
        outcome,
        cells,
        cellTimeout);
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value. " + USAGE);
    }
    return args[i];
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private static Duration minutes(String value) {
    try {
      long minutes = Long.parseLong(value.strip());
      if (minutes >= 0) {
        return Duration.ofMinutes(minutes);
      }
    } catch (NumberFormatException e) {
      // Said below.
    }
    throw new IllegalArgumentException(
        "--cell-timeout must be a whole number of minutes, 0 for no limit, got '" + value + "'");
  }

  private static List<Long> seeds(String csv) {
    List<Long> seeds = new ArrayList<>();
    for (String s : list(csv)) {
      try {
        seeds.add(Long.valueOf(s));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--seeds must be comma-separated integers such as 1,2,3, got '" + csv + "'", e);
      }
    }
    return List.copyOf(seeds);
  }
}
