package org.delvm.benchmark.plugin;

import static org.delvm.benchmark.plugin.MojoTests.offline;
import static org.delvm.benchmark.plugin.MojoTests.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproduceMojoTest {

  @TempDir Path dir;
  private final MojoTests.RecordingLog log = new MojoTests.RecordingLog();

  private ReproduceMojo mojo(Path output) throws Exception {
    ReproduceMojo mojo = offline(new ReproduceMojo(), dir);
    set(mojo, "outputDirectory", output.toFile());
    set(mojo, "resultsDirectory", dir.resolve("results").toFile());
    mojo.setLog(log);
    return mojo;
  }

  @Test
  void logsASummaryAndTheReportPathThenReusesTheResult() throws Exception {
    mojo(dir.resolve("report")).execute();

    assertTrue(
        log.lines.stream()
            .anyMatch(l -> l.matches("\\[1/1\\] cell c1; plan: at most \\d+ s left .*")),
        log.lines.toString());
    int header =
        log.lines.indexOf(
            log.lines.stream()
                .filter(l -> l.startsWith("cell "))
                .filter(l -> l.contains("status"))
                .findFirst()
                .orElseThrow());
    assertTrue(
        log.lines.get(header + 1).matches("c1\\s+completed\\s+F1 \\d+\\.\\d\\d\\s+.*new"),
        log.lines.get(header + 1));
    assertEquals(
        "report: " + dir.resolve("report/index.html").toAbsolutePath(), log.lines.get(header + 2));

    log.lines.clear();
    mojo(dir.resolve("report")).execute();
    assertTrue(
        log.lines.stream().anyMatch(l -> l.startsWith("[1/1] cell c1: reusing the result of ")),
        log.lines.toString());
  }

  @Test
  void anUnwritableOutputDirectoryFailsTheBuildNamingThePath() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
    Path output = blocker.resolve("report");

    MojoFailureException e = assertThrows(MojoFailureException.class, () -> mojo(output).execute());

    assertTrue(e.getMessage().contains(output.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("-Ddelvm.outputDirectory"), e.getMessage());
    assertFalse(log.lines.stream().anyMatch(l -> l.contains("epoch")), "failed before training");
  }

  @Test
  void anUnwritableResultsDirectoryFailsTheBuildNamingThePath() throws Exception {
    Path blocker = Files.writeString(dir.resolve("blocker"), "a file where a folder should be");
    ReproduceMojo mojo = set(mojo(dir.resolve("report")), "resultsDirectory", blocker.toFile());

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().contains(blocker.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("-Ddelvm.resultsDirectory="), e.getMessage());
  }

  @Test
  void anUnknownPlanFailsTheBuildWithThePlanLoadersMessage() throws Exception {
    ReproduceMojo mojo = set(mojo(dir.resolve("report")), "plan", "defualt");

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().contains("smoke, default"), e.getMessage());
  }

  @Test
  void seedsThatAreNotIntegersFailTheBuildNamingTheProperty() throws Exception {
    ReproduceMojo mojo = set(mojo(dir.resolve("report")), "seeds", "1,two");

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().contains("delvm.seeds"), e.getMessage());
    assertTrue(e.getMessage().contains("'1,two'"), e.getMessage());
  }

  @Test
  void skipDoesNothing() throws Exception {
    ReproduceMojo mojo = set(mojo(dir.resolve("report")), "skip", true);

    mojo.execute();

    assertEquals(List.of("delvm.skip is set: skipping"), log.lines);
    assertFalse(Files.exists(dir.resolve("report")));
  }
}
