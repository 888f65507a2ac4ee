package org.delvm.benchmark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.run.CellOutcome;
import org.delvm.benchmark.run.ComputeThreads;
import org.delvm.benchmark.run.Reproducer;
import org.delvm.benchmark.store.ResultStore;
import org.delvm.benchmark.store.StoredResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner on {@code local[2]}: the same metrics as the in-process runner, bit for bit; failed
 * cells as records while the others finish; a rerun submits only what has no valid stored result.
 */
class SparkLocalRunTest {

  private static JavaSparkContext spark;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = localSpark("SparkLocalRunTest");
  }

  /** Spark on {@code local[2]}, without its web UI, on 127.0.0.1. */
  static JavaSparkContext localSpark(String appName) {
    return new JavaSparkContext(
        new SparkConf()
            .setMaster("local[2]")
            .setAppName(appName)
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1"));
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.close();
    }
  }

  private static final Plan PLAN =
      new Plan(
          "spark-tiny",
          "four tiny cells, one that throws and one too large for the memory",
          List.of(
              TinyCells.cell("a"),
              TinyCells.cell("b", "cd", List.of(8, 8), 1, 5),
              // An objective no runner knows: the cell throws once it runs.
              TinyCells.cell("broken", "no-such-objective", List.of(8), 1, 3),
              // 65536 x 65536 x 3 layers: over 100 GiB with Adam's state.
              TinyCells.cell("huge", "sm", List.of(65536, 65536, 65536), 1, 3),
              TinyCells.cell("c", "sm", List.of(16), 2, 4)));

  @Test
  void cellsRunAsSparkTasksWithTheInProcessMetricsFailuresAsRecordsAndResume() throws Exception {
    Path cache = dir.resolve("cache");
    Path sparkResults = dir.resolve("spark-results");
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Log log = new Log(lines::add, line -> lines.add("WARNING: " + line));
    SparkPlanRun.Settings settings =
        new SparkPlanRun.Settings(
            new ResultsLocation(sparkResults.toString(), Map.of()),
            new EngineBridge.FetchSpec(cache.toString(), List.of(), true, false),
            false,
            Duration.ZERO);

    SparkPlanRun.Outcome first = SparkPlanRun.run(spark, EngineBridge.cellsOf(PLAN), settings, log);

    assertEquals(
        List.of("completed", "completed", "failed", "failed", "completed"),
        first.cells().stream().map(CellReport::status).toList(),
        String.join("\n", lines));
    assertEquals(2, first.failed());
    assertTrue(first.cells().get(2).message().contains("no-such-objective"), lines.toString());
    assertTrue(first.cells().get(3).message().contains("needs at least"), lines.toString());
    // Longest first: the huge cell's job is the first submitted and started.
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("cell huge: started on executor")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.matches(".*cells: 5/5 done \\(2 failed\\).*")),
        lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.matches(".*cells: 1/5 done.*about .* left.*")),
        lines.toString());

    // The in-process runner, on one ND4J thread as each Spark task (spark.task.cpus = 1).
    ComputeThreads.apply(1);
    try {
      List<CellOutcome> inProcess =
          new Reproducer(offline(cache), dir.resolve("in-process"), false, line -> {})
              .runCells(PLAN);
      ResultStore stored = ResultStore.open(sparkResults, PLAN.name(), line -> {});
      for (CellOutcome expected : inProcess) {
        StoredResult actual = stored.read(expected.result().id()).orElseThrow();
        CellResult e = expected.result();
        CellResult a = actual.result();
        assertEquals(e.status(), a.status(), e.id());
        assertEquals(e.metrics(), a.metrics(), e.id() + ": metrics bit-identical");
        assertEquals(e.epochLosses(), a.epochLosses(), e.id());
        assertEquals(expected.stored().fingerprint(), actual.fingerprint(), e.id());
      }
    } finally {
      ComputeThreads.apply(ComputeThreads.AUTO);
    }
    assertFalse(
        Files.list(sparkResults.resolve(PLAN.name())).anyMatch(f -> f.toString().endsWith(".tmp")));

    // A rerun submits only the failed cells: the stored ones match their fingerprints.
    lines.clear();
    SparkPlanRun.Outcome second =
        SparkPlanRun.run(spark, EngineBridge.cellsOf(PLAN), settings, log);
    assertEquals(java.util.Set.of("a", "b", "c"), second.reused(), lines.toString());
    assertTrue(lines.stream().noneMatch(l -> l.startsWith("cell a: started")), lines.toString());
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("cell broken: started")), lines.toString());
    assertEquals("completed", second.cells().get(0).status());
    assertEquals(
        first.cells().get(0).mainMetric(), second.cells().get(0).mainMetric(), "reused as stored");
  }

  @Test
  void aCellTravelsToExecutorsAsJsonUnchanged() {
    for (Cell cell : PLAN.cells()) {
      assertEquals(cell, EngineBridge.fromJson(EngineBridge.toJson(cell)));
    }
  }

  private static FetchSettings offline(Path cache) {
    return FetchSettings.builder().cacheDirectory(cache).offline(true).log(line -> {}).build();
  }
}
