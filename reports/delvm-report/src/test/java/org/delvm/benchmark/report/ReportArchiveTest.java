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

  @Test
  void theReportsArchiveHoldsExactlyItsFilesAndNeverFollowsLinks() throws Exception {
    Path report = Files.createDirectories(dir.resolve("delvm-report"));
    Files.writeString(report.resolve("index.html"), "<html>");
    Files.writeString(report.resolve("metrics.json"), "{}");
    Files.writeString(report.resolve("foreign.txt"), "not the report's");
    Path secret = Files.writeString(dir.resolve("secret"), "private");
    Files.createSymbolicLink(report.resolve("leak.txt"), secret);
    List<String> names = List.of("index.html", "metrics.json");

    Path zip = ReportArchive.zip(report, names, dir.resolve("r.zip"));

    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(zip.toFile())) {
      assertEquals(
          List.of("delvm-report/index.html", "delvm-report/metrics.json"),
          z.stream().map(java.util.zip.ZipEntry::getName).toList());
    }
    ReportException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            ReportException.class,
            () -> ReportArchive.zip(report, List.of("leak.txt"), dir.resolve("r2.zip")));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    // The whole-directory form leaves links out too.
    try (java.util.zip.ZipFile z =
        new java.util.zip.ZipFile(ReportArchive.zip(report, dir.resolve("all.zip")).toFile())) {
      assertTrue(z.stream().noneMatch(en -> en.getName().contains("leak")), "link followed");
    }
  }
}
