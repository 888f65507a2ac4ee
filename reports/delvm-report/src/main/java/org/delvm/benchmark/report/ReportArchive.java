package org.delvm.benchmark.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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

  /**
   * Zips exactly the named files of {@code directory} (those the report wrote) into {@code
   * zipFile}: foreign files beside them stay out, and a name that is a symbolic link, or not a
   * regular file, is an error rather than a way to pack any readable file into the artifact.
   */
  public static Path zip(Path directory, List<String> names, Path zipFile) {
    Path root = directory.toAbsolutePath().normalize();
    List<Path> files = new java.util.ArrayList<>();
    for (String name : names) {
      Path file = root.resolve(name).normalize();
      if (!file.startsWith(root)
          || Files.isSymbolicLink(file)
          || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        throw new ReportException(
            "Cannot zip the report: "
                + file
                + " is not a regular file of the report (a symbolic link, or missing). Run the"
                + " reproduce goal again into an empty -Ddelvm.outputDirectory.",
            null);
      }
      files.add(file);
    }
    return write(root, files.stream().sorted().toList(), zipFile);
  }

  /**
   * Zips every regular file under {@code directory} into {@code zipFile} (replaced if present) and
   * returns it; symbolic links are left out, never followed.
   */
  public static Path zip(Path directory, Path zipFile) {
    if (!Files.isDirectory(directory)) {
      throw new ReportException(
          "Cannot zip the report: " + directory + " is not a directory", null);
    }
    Path target = zipFile.toAbsolutePath().normalize();
    Path root = directory.toAbsolutePath().normalize();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files =
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
              .filter(p -> !p.toAbsolutePath().normalize().equals(target))
              .filter(p -> !p.getFileName().toString().startsWith("." + target.getFileName()))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new ReportException(
          "Cannot list the report directory " + root + ": " + AtomicFiles.describe(e), e);
    }
    return write(root, files, zipFile);
  }

  /** Writes {@code files} (under {@code root}) to a temporary file, then moves it into place. */
  private static Path write(Path root, List<Path> files, Path zipFile) {
    Path target = zipFile.toAbsolutePath();
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
      try (OutputStream out = Files.newOutputStream(temp);
          ZipOutputStream zip = new ZipOutputStream(out)) {
        for (Path file : files) {
          String name = prefix + root.relativize(file).toString().replace('\\', '/');
          ZipEntry entry = new ZipEntry(name);
          entry.setTime(FIXED_TIME);
          zip.putNextEntry(entry);
          try (java.io.InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            in.transferTo(zip);
          }
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
