package org.delvm.benchmark.plugin;

import static org.delvm.benchmark.plugin.MojoTests.offline;
import static org.delvm.benchmark.plugin.MojoTests.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goals with -Ddelvm.shard, -Ddelvm.gather and -Ddelvm.dryRun, on the one-cell plan. */
class ShardMojoTest {

  @TempDir Path dir;
  private final MojoTests.RecordingLog log = new MojoTests.RecordingLog();

  private ReproduceMojo reproduce(String results) throws Exception {
    ReproduceMojo mojo = offline(new ReproduceMojo(), dir);
    set(mojo, "outputDirectory", dir.resolve("report").toFile());
    set(mojo, "resultsDirectory", dir.resolve(results).toFile());
    mojo.setLog(log);
    return mojo;
  }

  private boolean logged(String text) {
    return log.lines.stream().anyMatch(l -> l.contains(text));
  }

  @Test
  void shardsRunTheirShareAndRenderNothingTheGatherReportsThemAndTheCheckSkipsAShard()
      throws Exception {
    set(reproduce("shard-1"), "shard", "1/2").execute();
    assertTrue(
        logged("delvm.shard=1/2: this shard runs 1 of the plan's 1 cell(s)"), log.lines.toString());
    assertTrue(logged("A shard renders no report and runs no gate"), log.lines.toString());
    assertTrue(Files.exists(dir.resolve("shard-1/tiny/c1.json")));
    assertFalse(Files.exists(dir.resolve("report/index.html")), "no report for a shard");

    log.lines.clear();
    set(reproduce("shard-2"), "shard", "2/2").execute();
    assertTrue(logged("this shard runs 0 of the plan's 1 cell(s)"), log.lines.toString());
    assertFalse(logged("cell c1: epoch"), "nothing trained");

    CheckMojo check = new CheckMojo();
    set(check, "plan", "tiny");
    set(check, "reportDirectory", dir.resolve("report").toFile());
    set(check, "shard", "1/2");
    check.setLog(log);
    check.execute(); // no metrics.json: it would fail if it did not skip
    assertTrue(
        logged("a shard writes no report, so there is nothing to check"), log.lines.toString());

    log.lines.clear();
    String gather = dir.resolve("shard-1") + "," + dir.resolve("shard-2");
    set(reproduce("scratch"), "gather", gather).execute();
    assertTrue(logged("[1/1] cell c1: reusing the result of "), log.lines.toString());
    assertTrue(Files.exists(dir.resolve("report/metrics.json")));
    assertEquals(0, log.warnings.size(), log.warnings.toString());

    ReportMojo report = offline(new ReportMojo(), dir);
    set(report, "outputDirectory", dir.resolve("partial").toFile());
    set(report, "resultsDirectory", dir.resolve("scratch").toFile());
    set(report, "gather", dir.resolve("shard-2").toString());
    report.setLog(log);
    report.execute();
    assertEquals(1, log.warnings.size(), log.warnings.toString());
    assertTrue(
        log.warnings
            .get(0)
            .startsWith("1 cell(s) have no valid stored result and are reported as not run: c1."),
        log.warnings.get(0));
  }

  @Test
  void aDryRunRunsNoCellAndWritesNoReport() throws Exception {
    set(reproduce("results"), "dryRun", true).execute();

    assertTrue(logged("dry run of plan tiny: 1 cell(s), predicted "), log.lines.toString());
    assertTrue(logged("predicted wall time on 64 worker(s): "), log.lines.toString());
    assertTrue(logged("  c1: "), "the critical path: " + log.lines);
    assertFalse(logged("cell c1: epoch"), "nothing trained");
    assertFalse(Files.exists(dir.resolve("report/index.html")));
    assertFalse(Files.exists(dir.resolve("results/tiny")), "nothing stored");
  }

  @Test
  void aBadShardOrGatherFailsNamingTheProperty() throws Exception {
    for (String spec : new String[] {"0/3", "4/3", "a/b"}) {
      MojoFailureException e =
          assertThrows(
              MojoFailureException.class, set(reproduce("results"), "shard", spec)::execute);
      assertTrue(e.getMessage().startsWith("delvm.shard must be i/N"), e.getMessage());
    }
    MojoFailureException missing =
        assertThrows(
            MojoFailureException.class,
            set(reproduce("results"), "gather", dir.resolve("nowhere").toString())::execute);
    assertTrue(missing.getMessage().startsWith("delvm.gather: "), missing.getMessage());
    assertTrue(missing.getMessage().contains("nowhere"), missing.getMessage());
    MojoFailureException both =
        assertThrows(
            MojoFailureException.class,
            set(set(reproduce("results"), "shard", "1/2"), "gather", "a,b")::execute);
    assertTrue(both.getMessage().contains("exclude each other"), both.getMessage());
  }

  @Test
  void anUnknownRunnerOrSparkWithAShardFailsNamingTheProperties() throws Exception {
    String unknown =
        assertThrows(
                MojoFailureException.class, () -> set(reproduce("r"), "runner", "yarn").execute())
            .getMessage();
    assertTrue(unknown.startsWith("delvm.runner must be in-process or spark, got 'yarn'"), unknown);
    ReproduceMojo sharded = set(reproduce("r"), "runner", "spark");
    set(sharded, "shard", "1/2");
    String message = assertThrows(MojoFailureException.class, sharded::execute).getMessage();
    assertTrue(message.contains("delvm.shard and delvm.runner=spark exclude each other"), message);
    assertFalse(Files.exists(dir.resolve("r/tiny")), "nothing ran");
  }
}
