package org.delvm.benchmark.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.api.java.JavaSparkContext;
import org.delvm.benchmark.plan.Plan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The results location on a real HDFS: an in-process {@link MiniDFSCluster} (a name node and one
 * data node on 127.0.0.1), written and read through {@code hdfs://} as a cluster's executors and
 * driver do. HDFS differs from the local file system where it matters here: its rename does not
 * replace an existing file, and a file being written is visible under its temporary name.
 */
class ResultsLocationHdfsTest {

  @TempDir static Path base;

  private static MiniDFSCluster hdfs;

  /** {@code hdfs://127.0.0.1:<port>}. */
  private static String root;

  /**
   * What {@code spark.hadoop.*} would pass: one data node holds the only replica (HDFS's default of
   * three would leave every block under-replicated).
   */
  private static final Map<String, String> HADOOP = Map.of("dfs.replication", "1");

  @TempDir Path dir;

  @BeforeAll
  static void startHdfs() throws IOException {
    Configuration conf = new Configuration();
    conf.set("dfs.replication", "1");
    hdfs = new MiniDFSCluster.Builder(conf, base.resolve("hdfs").toFile()).numDataNodes(1).build();
    hdfs.waitActive();
    root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
  }

  @AfterAll
  static void stopHdfs() throws IOException {
    try {
      if (root != null) {
        // The results location's cached client, before its name node goes.
        new ResultsLocation(root, HADOOP).fileSystem().close();
      }
    } finally {
      if (hdfs != null) {
        hdfs.shutdown();
      }
    }
  }

  private ResultsLocation location(String name) {
    return new ResultsLocation(root + "/" + name, HADOOP);
  }

  @Test
  void aResultUploadedToHdfsDownloadsByteIdentical() throws Exception {
    ResultsLocation results = location("identical");
    // Larger than HDFS's 64 KiB packets, with bytes of every value.
    byte[] large = new byte[300_000];
    new Random(7).nextBytes(large);
    Path a = Files.write(dir.resolve("a.json"), large);
    Path b = Files.writeString(dir.resolve("b.json"), "{\"cell\":\"b\",\"note\":\"ünïcødé\"}");

    results.upload(a, "plan/a.json");
    results.upload(b, "plan/b.json");

    assertTrue(results.fileSystem() instanceof DistributedFileSystem, results.uri());
    assertEquals(List.of("a.json", "b.json"), names(results, "plan"), "no temporary file left");
    Path copy = dir.resolve("copy");
    assertEquals(2, results.download("plan", copy));
    assertEquals(-1, Files.mismatch(a, copy.resolve("plan/a.json")));
    assertEquals(-1, Files.mismatch(b, copy.resolve("plan/b.json")));
    assertEquals(0, results.download("other-plan", copy));
  }

  @Test
  void anUploadOverAStoredResultReplacesIt() throws Exception {
    ResultsLocation results = location("replace");
    Path local = Files.writeString(dir.resolve("a.json"), "{\"v\":1}");
    results.upload(local, "plan/a.json");
    Files.writeString(local, "{\"v\":2,\"longer\":true}");
    FileSystem fs = results.fileSystem();
    write(results, "plan/other", "x");
    assertFalse(
        fs.rename(results.path("plan/other"), results.path("plan/a.json")),
        "HDFS's rename does not replace a file (the local file system's does)");
    fs.delete(results.path("plan/other"), false);

    results.upload(local, "plan/a.json");

    assertEquals(List.of("a.json"), names(results, "plan"));
    assertArrayEquals(Files.readAllBytes(local), read(results, "plan/a.json"));
    Path copy = dir.resolve("copy");
    assertEquals(1, results.download("plan", copy));
    assertEquals("{\"v\":2,\"longer\":true}", Files.readString(copy.resolve("plan/a.json")));
  }

  @Test
  void aDownloadSkipsTemporaryAndOtherFiles() throws Exception {
    ResultsLocation results = location("skip");
    Path local = Files.writeString(dir.resolve("a.json"), "{\"v\":1}");
    results.upload(local, "plan/a.json");
    // What an executor lost mid-upload leaves, and what else may lie in the folder.
    write(results, "plan/b.json.4242.0f8fad5b-d9cb-469f-a165-70867728950e.tmp", "{\"v\":");
    write(results, "plan/notes.txt", "not a result");
    write(results, "plan/nested.json/c.json", "{}");

    Path copy = dir.resolve("copy");
    assertEquals(1, results.download("plan", copy));
    try (Stream<Path> files = Files.list(copy.resolve("plan"))) {
      assertEquals(List.of("a.json"), files.map(f -> f.getFileName().toString()).toList());
    }
  }

  @Test
  void aSparkRunStoresEveryCellOnHdfsAndASecondRunReusesThemAll() throws Exception {
    Plan plan =
        new Plan(
            "spark-hdfs",
            "two tiny cells, their results on HDFS",
            List.of(TinyCells.cell("a"), TinyCells.cell("b", "cd", List.of(8), 1, 5)));
    ResultsLocation results = location("run");
    SparkPlanRun.Settings settings =
        new SparkPlanRun.Settings(
            results,
            new EngineBridge.FetchSpec(dir.resolve("cache").toString(), List.of(), true, false),
            false,
            Duration.ZERO);
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Log log = new Log(lines::add, line -> lines.add("WARNING: " + line));

    try (JavaSparkContext spark = SparkLocalRunTest.localSpark("ResultsLocationHdfsTest")) {
      SparkPlanRun.Outcome first =
          SparkPlanRun.run(spark, EngineBridge.cellsOf(plan), settings, log);
      assertEquals(
          List.of("completed", "completed"),
          first.cells().stream().map(CellReport::status).toList(),
          String.join("\n", lines));
      assertEquals(Set.of(), first.reused());
      assertTrue(
          lines.stream().anyMatch(l -> l.matches("cell .*: started.*")), String.join("\n", lines));
      String folder = EngineBridge.planFolder(plan.name(), dir.resolve("scratch"));
      assertEquals(List.of("a.json", "b.json"), names(results, folder), "on HDFS, no .tmp");

      lines.clear();
      SparkPlanRun.Outcome second =
          SparkPlanRun.run(spark, EngineBridge.cellsOf(plan), settings, log);
      assertEquals(Set.of("a", "b"), second.reused(), String.join("\n", lines));
      assertTrue(
          lines.stream().noneMatch(l -> l.matches("cell .*: started.*")), String.join("\n", lines));
      assertEquals(
          first.cells().stream().map(CellReport::mainMetric).toList(),
          second.cells().stream().map(CellReport::mainMetric).toList(),
          "reused as stored");
    }
  }

  /** The names in {@code folder} of the location, sorted, read from HDFS. */
  private static List<String> names(ResultsLocation results, String folder) throws IOException {
    FileStatus[] files = results.fileSystem().listStatus(results.path(folder));
    return Arrays.stream(files).map(f -> f.getPath().getName()).sorted().toList();
  }

  private static byte[] read(ResultsLocation results, String relative) throws IOException {
    try (InputStream in = results.fileSystem().open(results.path(relative))) {
      return in.readAllBytes();
    }
  }

  private static void write(ResultsLocation results, String relative, String text)
      throws IOException {
    FileSystem fs = results.fileSystem();
    try (OutputStream out = fs.create(results.path(relative), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }
}
