package org.delvm.benchmark.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Zips a report directory into one file, for attaching to the build: entries {@code
 * <directory-name>/<relative path>}, sorted, with a fixed timestamp so the same report gives the
 * same bytes. Written to a temporary file beside the target and moved into place atomically.
 */
public final class ReportArchive {

  /** 1980-01-01T00:00:00Z, the earliest time a zip entry can hold. */
  private static final long FIXED_TIME = 315532800000L;

  private ReportArchive() {}

  /** Zips {@code directory} into {@code zipFile} (replaced if present) and returns it. */
  public static Path zip(Path directory, Path zipFile) {
    if (!Files.isDirectory(directory)) {
      throw new ReportException(
          "Cannot zip the report: " + directory + " is not a directory", null);
    }
    Path target = zipFile.toAbsolutePath();
    Path root = directory.toAbsolutePath().normalize();
    String prefix = root.getFileName() + "/";
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the default permissions are fine.
      }
      Set<Path> skip = Set.of(target.normalize(), temp.toAbsolutePath().normalize());
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files =
            walk.filter(Files::isRegularFile)
                .filter(p -> !skip.contains(p.toAbsolutePath().normalize()))
                .sorted()
                .toList();
      }
      try (OutputStream out = Files.newOutputStream(temp);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Path file : files) {
          String name = prefix + root.relativize(file).toString().replace('\\', '/');
          ZipEntry entry = new ZipEntry(name);
          entry.setTime(FIXED_TIME);
          zip.putNextEntry(entry);
          Files.copy(file, zip);
          zip.closeEntry();
        }
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new ReportException(
          "Cannot write the report archive " + target + ": " + AtomicFiles.describe(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The move succeeded, or the original error is more useful.
        }
      }
    }
  }
}
