package org.delvm.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportArchiveTest {

  @TempDir Path dir;

  @Test
  void zipsEveryFileUnderTheDirectoryName() throws Exception {
    Path report = dir.resolve("delvm-report");
    new ReportWriter().write(ReportWriterTest.sample("x"), report);
    Files.createDirectories(report.resolve("sub"));
    Files.writeString(report.resolve("sub/extra.txt"), "extra");

    Path zip = ReportArchive.zip(report, dir.resolve("target/delvm-report.zip"));

    assertEquals(dir.resolve("target/delvm-report.zip").toAbsolutePath(), zip);
    List<String> names = new ArrayList<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        names.add(e.getName());
        byte[] content = in.readAllBytes();
        if (e.getName().equals("delvm-report/index.html")) {
          assertArrayEquals(Files.readAllBytes(report.resolve("index.html")), content);
        }
        if (e.getName().equals("delvm-report/sub/extra.txt")) {
          assertEquals("extra", new String(content, StandardCharsets.UTF_8));
        }
      }
    }
    assertEquals(
        List.of(
            "delvm-report/index.html", "delvm-report/metrics.json", "delvm-report/sub/extra.txt"),
        names);
    try (Stream<Path> left = Files.list(dir.resolve("target"))) {
      assertEquals(List.of(zip.getFileName()), left.map(Path::getFileName).toList(), "no temp");
    }
  }

  @Test
  void theSameReportGivesTheSameBytesAndAZipInsideTheDirectoryIsNotZippedIntoItself()
      throws Exception {
    Path report = dir.resolve("r");
    new ReportWriter().write(ReportWriterTest.sample("x"), report);
    byte[] first = Files.readAllBytes(ReportArchive.zip(report, report.resolve("r.zip")));
    byte[] second = Files.readAllBytes(ReportArchive.zip(report, report.resolve("r.zip")));
    assertArrayEquals(first, second);
    try (InputStream in = Files.newInputStream(report.resolve("r.zip"));
        ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
        assertTrue(!e.getName().endsWith(".zip"), e.getName());
      }
    }
  }

  @Test
  void aMissingDirectoryIsAnErrorNamingIt() {
    ReportException e =
        assertThrows(
            ReportException.class,
            () -> ReportArchive.zip(dir.resolve("nope"), dir.resolve("x.zip")));
    assertTrue(e.getMessage().contains(dir.resolve("nope").toString()), e.getMessage());
  }
}
