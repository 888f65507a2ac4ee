package org.delvm.benchmark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverArgumentsAndResultsTest {

  @TempDir Path dir;

  @Test
  void theDriverCommandLine() {
    DriverArguments a =
        DriverArguments.parse(
            "paper",
            "--results",
            "hdfs:///r",
            "--seeds",
            "1, 2",
            "--mirror",
            "/m1,https://m2",
            "--offline",
            "--cells",
            "a,b",
            "--cell-timeout",
            "90");
    assertEquals("paper", a.plan());
    assertEquals("hdfs:///r", a.results());
    assertEquals(List.of(1L, 2L), a.seeds());
    assertEquals(List.of("/m1", "https://m2"), a.mirrors());
    assertTrue(a.offline());
    assertFalse(a.fresh());
    assertNull(a.cache());
    assertEquals(List.of("a", "b"), a.cells());
    assertEquals(Duration.ofMinutes(90), a.cellTimeout());
    assertEquals(
        Duration.ZERO, DriverArguments.parse("smoke", "--results", "r").cellTimeout(), "no limit");
  }

  @Test
  void executorsGetTheTaskCpusAsTheirNativeThreadsUnlessSet() {
    SparkConf conf =
        new SparkConf(false)
            .set("spark.task.cpus", "2")
            .set("spark.executorEnv.OPENBLAS_NUM_THREADS", "4");

    SparkDriver.threadEnvironment(conf);

    assertEquals("2", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
    assertEquals("2", conf.get("spark.executorEnv.MKL_NUM_THREADS"));
    assertEquals("4", conf.get("spark.executorEnv.OPENBLAS_NUM_THREADS"), "the user's setting");
    assertEquals("passive", conf.get("spark.executorEnv.OMP_WAIT_POLICY"));
  }

  @Test
  void executorJvmsAreToldTheirCoresAfterTheClustersDefaultsUnlessTheOptionsSayIt() {
    SparkConf conf =
        new SparkConf(false)
            .set("spark.executor.cores", "3")
            .set("spark.executor.defaultJavaOptions", "-Dsite=x");
    SparkDriver.executorJvmCores(conf);
    assertEquals(
        "-Dsite=x -XX:ActiveProcessorCount=3", conf.get("spark.executor.defaultJavaOptions"));

    SparkConf unknownCores = new SparkConf(false);
    SparkDriver.executorJvmCores(unknownCores);
    assertFalse(unknownCores.contains("spark.executor.defaultJavaOptions"), "cores not given");

    SparkConf given =
        new SparkConf(false)
            .set("spark.executor.cores", "1")
            .set("spark.executor.extraJavaOptions", "-XX:ActiveProcessorCount=4");
    SparkDriver.executorJvmCores(given);
    assertFalse(given.contains("spark.executor.defaultJavaOptions"), "the user's own count");
  }

  @Test
  void aWrongCommandLineSaysWhatIsWrongAndTheUsage() {
    String noResults =
        assertThrows(IllegalArgumentException.class, () -> DriverArguments.parse("smoke"))
            .getMessage();
    assertTrue(noResults.startsWith("no --results given. usage: spark-submit"), noResults);
    String unknown =
        assertThrows(
                IllegalArgumentException.class,
                () -> DriverArguments.parse("smoke", "--results", "r", "--frsh"))
            .getMessage();
    assertTrue(unknown.startsWith("unknown argument '--frsh'"), unknown);
    String seeds =
        assertThrows(
                IllegalArgumentException.class,
                () -> DriverArguments.parse("smoke", "--results", "r", "--seeds", "1,x"))
            .getMessage();
    assertTrue(seeds.contains("comma-separated integers"), seeds);
    String timeout =
        assertThrows(
                IllegalArgumentException.class,
                () -> DriverArguments.parse("smoke", "--results", "r", "--cell-timeout", "-1"))
            .getMessage();
    assertTrue(timeout.contains("--cell-timeout must be a whole number of minutes"), timeout);
    assertThrows(IllegalArgumentException.class, () -> DriverArguments.parse("smoke", "--results"));
  }

  @Test
  void unknownCellIdsAreNamed() {
    PlanCells plan =
        new PlanCells("p", "d", List.of(new CellSpec("a", "{}", 1), new CellSpec("b", "{}", 2)));
    assertEquals(List.of("b"), plan.only(List.of("b")).cells().stream().map(CellSpec::id).toList());
    assertEquals(plan, plan.only(List.of()));
    String message =
        assertThrows(IllegalArgumentException.class, () -> plan.only(List.of("a", "zz")))
            .getMessage();
    assertTrue(message.contains("does not have: zz"), message);
  }

  @Test
  void resultsAreUploadedWholeAndReplacedAndDownloadedWithoutTemporaryFiles() throws Exception {
    ResultsLocation results = new ResultsLocation(dir.resolve("results").toString(), Map.of());
    assertTrue(results.uri().startsWith("file:/"), results.uri());
    Path local = Files.writeString(dir.resolve("a.json"), "{\"v\":1}");
    results.upload(local, "plan/a.json");
    Files.writeString(local, "{\"v\":2}");
    results.upload(local, "plan/a.json"); // replaces the first
    Files.writeString(dir.resolve("results/plan/b.json.123.x.tmp"), "partial");

    Path copy = dir.resolve("copy");
    assertEquals(1, results.download("plan", copy));
    assertEquals("{\"v\":2}", Files.readString(copy.resolve("plan/a.json")));
    try (Stream<Path> files = Files.list(dir.resolve("results/plan"))) {
      // No Hadoop .crc side files next to the results.
      assertEquals(
          List.of("a.json", "b.json.123.x.tmp"),
          files.map(f -> f.getFileName().toString()).sorted().toList());
    }
    assertEquals(0, results.download("other-plan", copy));
  }

  @Test
  void aMissingResultsLocationSaysWhatToPass() {
    String message =
        assertThrows(IllegalArgumentException.class, () -> new ResultsLocation(" ", Map.of()))
            .getMessage();
    assertTrue(message.contains("--results <uri>"), message);
  }
}
