package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.store.ResultStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan killed with SIGKILL in the middle resumes: finished cells are kept, nothing is torn. */
class KillAndResumeTest {

  @TempDir Path work;

  @Test
  void aKilledPlanResumesAfterItsLastFinishedCell() throws Exception {
    Path results = work.resolve("results/killed");
    Path childLog = work.resolve("child.log");
    Process child =
        new ProcessBuilder(childCommand())
            .redirectErrorStream(true)
            .redirectOutput(childLog.toFile())
            .start();
    try {
      awaitFile(results.resolve("first.json"), child, childLog);
    } finally {
      child.destroyForcibly();
      child.waitFor(10, TimeUnit.SECONDS);
    }
    assertFalse(
        Files.exists(results.resolve("second.json")),
        "the child must be killed during the second cell; tune its epochs:\n"
            + Files.readString(childLog));

    List<String> log = new ArrayList<>();
    PlanOutcome resumed =
        PlanInChildJvm.reproducer(work, log::add).run(PlanInChildJvm.PLAN, work.resolve("report"));

    assertEquals(
        List.of(true, false, false),
        resumed.cells().stream().map(CellOutcome::reused).toList(),
        String.join("\n", log));
    assertTrue(resumed.cells().stream().allMatch(c -> c.result().status() == CellStatus.COMPLETED));
    try (var files = Files.list(results)) {
      assertEquals(
          List.of("first.json", "second.json", "third.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    List<String> readLog = new ArrayList<>();
    ResultStore store = ResultStore.open(work.resolve("results"), "killed", readLog::add);
    for (String id : List.of("first", "second", "third")) {
      assertTrue(store.read(id).isPresent(), id);
    }
    assertEquals(List.of(), readLog);
  }

  /** The test JVM's class path and memory settings (ND4J needs the off-heap limits). */
  private List<String> childCommand() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("-Xmx") || a.startsWith("-Dorg.bytedeco."))
        .forEach(command::add);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(PlanInChildJvm.class.getName());
    command.add(work.toString());
    return command;
  }

  private static void awaitFile(Path file, Process child, Path childLog) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!Files.exists(file)) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        fail(
            "the child "
                + (child.isAlive() ? "timed out" : "exited with " + child.exitValue())
                + " before writing "
                + file
                + ":\n"
                + Files.readString(childLog));
      }
      Thread.sleep(5);
    }
  }
}
