package org.delvm.benchmark.plugin;

import static org.delvm.benchmark.plugin.MojoTests.offline;
import static org.delvm.benchmark.plugin.MojoTests.set;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchMojoTest {

  @TempDir Path dir;

  @Test
  void fetchesThePlansDatasetsIntoTheCache() throws Exception {
    MojoTests.RecordingLog log = new MojoTests.RecordingLog();
    FetchMojo mojo = offline(new FetchMojo(), dir);
    mojo.setLog(log);

    mojo.execute();

    assertTrue(Files.size(dir.resolve("cache/ecg5000/ECG5000_TRAIN.txt")) > 0);
    assertTrue(Files.size(dir.resolve("cache/ecg5000/ECG5000_TEST.txt")) > 0);
    assertTrue(
        log.lines.stream()
            .anyMatch(l -> l.startsWith("dataset ecg5000 in ") && l.contains("(bundled)")),
        log.lines.toString());
  }

  @Test
  void aMirrorThatDoesNotExistFailsTheBuild() throws Exception {
    FetchMojo mojo =
        set(offline(new FetchMojo(), dir), "mirror", dir.resolve("nowhere").toString());

    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);

    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
  }
}
