package org.delvm.benchmark.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file through a temporary file in the same directory and an atomic move, so a crash (or a
 * CI job cancelled mid-write) never leaves half a report, baseline or summary behind.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code content} as UTF-8; errors name the path and what to do. */
  public static void writeString(Path target, String content) {
    Path temp = null;
    try {
      Path parent = target.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      temp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
      readableByAll(temp);
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ReportException("Cannot write " + target + ": " + describe(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The move succeeded, or the original error is more useful than this one.
        }
      }
    }
  }

  /**
   * Temporary files are created owner-only; the baseline is committed and the summary uploaded by
   * CI, so give them the usual rw-r--r--.
   */
  private static void readableByAll(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the default permissions are fine.
    }
  }

  static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied; make the directory writable or choose another output directory";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.toString();
  }
}
