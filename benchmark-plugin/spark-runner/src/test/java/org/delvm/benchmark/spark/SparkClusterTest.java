package org.delvm.benchmark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.run.ComputeThreads;
import org.delvm.benchmark.run.PlanOutcome;
import org.delvm.benchmark.run.Reproducer;
import org.delvm.benchmark.run.RunLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke plan (one seed) on a real standalone cluster: a master and a worker with two 1-core
 * executors on 127.0.0.1, submitted through Spark's own submit path. The first driver is killed
 * once a cell is stored and the plan is submitted again: the stored cells are not recomputed. The
 * gathered report's metrics and claims equal the in-process run's, bit for bit.
 */
class SparkClusterTest {

  private static final List<Long> SEEDS = List.of(1L);

  @TempDir Path dir;

  @Test
  void theSmokePlanOnAStandaloneClusterResumesAfterTheDriverIsKilledAndGathersAsInProcess()
      throws Exception {
    Path results = dir.resolve("results");
    Path cache = dir.resolve("cache");
    Path jars = Files.createDirectories(dir.resolve("app"));
    List<Path> application = applicationJars(jars);
    // Logs where a failure can be read after the test: target/spark-cluster-test.
    Path logs = Path.of("target", "spark-cluster-test").toAbsolutePath();
    CellTask.deleteRecursively(logs);
    Files.createDirectories(logs);
    try (LocalSparkCluster cluster = new LocalSparkCluster(logs).start(2, "6g")) {
      List<String> submit = new ArrayList<>();
      submit.addAll(
          List.of(
              "--master",
              cluster.masterUrl(),
              "--deploy-mode",
              "client",
              "--class",
              SparkDriver.class.getName(),
              "--conf",
              "spark.executor.cores=1",
              "--conf",
              "spark.task.cpus=1",
              "--conf",
              "spark.executor.memory=1g",
              "--conf",
              "spark.executor.extraJavaOptions=-Dorg.bytedeco.javacpp.maxbytes=2g"
                  + " -Dorg.bytedeco.javacpp.maxphysicalbytes=4g",
              "--conf",
              "spark.ui.enabled=false",
              "--conf",
              "spark.driver.host=127.0.0.1",
              "--jars",
              application.subList(1, application.size()).stream()
                  .map(Path::toString)
                  .collect(Collectors.joining(","))));
      submit.add(application.get(0).toString());
      submit.addAll(
          List.of(
              "smoke",
              "--results",
              results.toUri().toString(),
              "--seeds",
              "1",
              "--cache",
              cache.toString(),
              "--offline"));

      // The first driver is killed once a cell is stored.
      Path firstLog = logs.resolve("submit-1.log");
      Process first = cluster.submit(submit, firstLog);
      Path planFolder = results.resolve("smoke");
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
      while (storedCells(planFolder).isEmpty() && first.isAlive()) {
        assertTrue(System.nanoTime() < deadline, LocalSparkCluster.tail(firstLog));
        Thread.sleep(100);
      }
      LocalSparkCluster.kill(first);
      Map<String, byte[]> storedBeforeKill = new HashMap<>();
      for (Path f : storedCells(planFolder)) {
        storedBeforeKill.put(f.getFileName().toString(), Files.readAllBytes(f));
      }
      assertFalse(storedBeforeKill.isEmpty(), LocalSparkCluster.tail(firstLog));

      Path secondLog = logs.resolve("submit-2.log");
      Process second = cluster.submit(submit, secondLog);
      assertTrue(second.waitFor(6, TimeUnit.MINUTES), LocalSparkCluster.tail(secondLog));
      String log = LocalSparkCluster.read(secondLog);
      assertEquals(0, second.exitValue(), LocalSparkCluster.tail(secondLog));
      // The killed driver's executors may still store the cells they were running: at least the
      // cells stored at the kill are reused.
      java.util.regex.Matcher reused =
          java.util.regex.Pattern.compile(
                  "5 cell\\(s\\), (\\d) with a valid stored result in file:")
              .matcher(log);
      assertTrue(reused.find(), LocalSparkCluster.tail(secondLog));
      assertTrue(
          Integer.parseInt(reused.group(1)) >= storedBeforeKill.size(),
          reused.group() + " after " + storedBeforeKill.keySet() + " were stored");
      for (Map.Entry<String, byte[]> kept : storedBeforeKill.entrySet()) {
        String cell = kept.getKey().replace(".json", "");
        assertFalse(log.contains("cell " + cell + ": started"), cell + " ran again");
        assertTrue(
            java.util.Arrays.equals(
                kept.getValue(), Files.readAllBytes(planFolder.resolve(kept.getKey()))),
            kept.getKey() + " was rewritten");
      }
      assertTrue(log.contains("cells: "), "progress lines: " + LocalSparkCluster.tail(secondLog));
    }
    assertEquals(5, storedCells(results.resolve("smoke")).size());

    // The gather, as for shards, against the in-process run on one ND4J thread.
    Plan plan = new PlanLoader().load("smoke", SEEDS);
    FetchSettings fetch =
        FetchSettings.builder().cacheDirectory(cache).offline(true).log(line -> {}).build();
    RunLog quiet = RunLog.of(line -> {});
    PlanOutcome gathered =
        Reproducer.gathering(fetch, dir.resolve("scratch"), List.of(results), quiet)
            .run(plan, dir.resolve("gathered-report"));
    PlanOutcome inProcess;
    ComputeThreads.apply(1);
    try {
      inProcess =
          new Reproducer(fetch, dir.resolve("in-process"), false, false, quiet)
              .run(plan, dir.resolve("in-process-report"));
    } finally {
      ComputeThreads.apply(ComputeThreads.AUTO);
    }
    assertEquals(metrics(inProcess), metrics(gathered));
    assertEquals(
        inProcess.reproduction().claims().stream().map(ClaimResult::verdict).toList(),
        gathered.reproduction().claims().stream().map(ClaimResult::verdict).toList());
    assertTrue(gathered.notRun().isEmpty(), gathered.notRun().toString());
  }

  private static List<Path> storedCells(Path planFolder) throws Exception {
    if (!Files.isDirectory(planFolder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(planFolder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
    }
  }

  private static Map<String, List<MetricResult>> metrics(PlanOutcome outcome) {
    Map<String, List<MetricResult>> metrics = new LinkedHashMap<>();
    for (CellResult cell : outcome.reproduction().cells()) {
      metrics.put(cell.id() + " " + cell.status(), cell.metrics());
    }
    return metrics;
  }

  /**
   * The application as spark-submit takes it: this module's classes as the application jar (first),
   * the other project modules on this test's class path as {@code --jars}. Their third-party
   * dependencies are in the SPARK_HOME's jars/ beside Spark's.
   */
  private static List<Path> applicationJars(Path into) throws Exception {
    Path own =
        Path.of(SparkDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Path> jars = new ArrayList<>(List.of(LocalSparkCluster.jarOf(own, into)));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      boolean project =
          Files.isDirectory(path)
              ? path.endsWith(Path.of("target", "classes"))
              : entry.replace('\\', '/').contains("/org/delvm/benchmark/");
      if (project && !path.equals(own)) {
        jars.add(LocalSparkCluster.jarOf(path, into));
      }
    }
    return jars;
  }
}
