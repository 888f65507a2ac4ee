package org.delvm.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {

  @TempDir Path dir;

  /** Holds the lock on args[0] until its standard input closes. */
  public static void main(String[] args) throws Exception {
    DirectoryLock.acquire(Path.of(args[0]), "report directory", "delvm.outputDirectory");
    System.out.println("locked");
    System.out.flush();
    System.in.read();
  }

  @Test
  void aSecondProcessIsRefusedWithTheWayOutAndMayGoOnOnceTheFirstHasEnded() throws Exception {
    Path report = dir.resolve("report");
    Process holder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                DirectoryLockTest.class.getName(),
                report.toString())
            .redirectErrorStream(true)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());

      ReportException refused =
          assertThrows(
              ReportException.class,
              () -> DirectoryLock.acquire(report, "report directory", "delvm.outputDirectory"));
      assertTrue(refused.getMessage().contains("Another build is writing the report directory"));
      assertTrue(refused.getMessage().contains("-Ddelvm.outputDirectory=<folder>"));
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
      holder.destroyForcibly();
    }
    DirectoryLock.acquire(report, "report directory", "delvm.outputDirectory");
    DirectoryLock.acquire(report, "report directory", "delvm.outputDirectory"); // held: a no-op
  }
}
