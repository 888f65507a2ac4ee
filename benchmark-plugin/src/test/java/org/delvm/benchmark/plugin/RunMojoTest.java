package org.delvm.benchmark.plugin;

import static org.delvm.benchmark.plugin.MojoTests.offline;
import static org.delvm.benchmark.plugin.MojoTests.set;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunMojoTest {

  @TempDir Path dir;
  private final MojoTests.RecordingLog log = new MojoTests.RecordingLog();

  @Test
  void runStoresTheResultsThenReportRendersThemWithoutTraining() throws Exception {
    RunMojo run = offline(new RunMojo(), dir);
    set(run, "resultsDirectory", dir.resolve("results").toFile());
    run.setLog(log);

    run.execute();

    assertTrue(Files.exists(dir.resolve("results/tiny/c1.json")));
    assertFalse(Files.exists(dir.resolve("target")), "run writes no report");
    assertTrue(log.lines.stream().anyMatch(l -> l.matches("c1\\s+completed\\s+F1 .*new")));

    log.lines.clear();
    ReportMojo report = offline(new ReportMojo(), dir);
    set(report, "resultsDirectory", dir.resolve("results").toFile());
    set(report, "outputDirectory", dir.resolve("report").toFile());
    report.setLog(log);
    report.execute();

    assertTrue(Files.exists(dir.resolve("report/index.html")));
    assertFalse(log.lines.stream().anyMatch(l -> l.contains(": epoch ")), log.lines.toString());
    assertTrue(log.lines.stream().anyMatch(l -> l.contains("cell c1: reusing the result of")));
  }
}
