package org.delvm.benchmark.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * An exclusive lock on a directory a build writes (its results, its report), held until the JVM
 * exits: two builds in one checkout would otherwise interleave their cells' results, or one would
 * replace the metrics.json the other is about to check. The second build stops at once with a
 * message naming the directory and the way out. The operating system drops the lock of a killed
 * process, so nothing stale remains.
 */
public final class DirectoryLock {

  /** The lock file in each locked directory; it holds the owner's process id. */
  public static final String FILE = ".delvm.lock";

  private static final Map<Path, FileLock> HELD = new HashMap<>();

  private DirectoryLock() {}

  /**
   * Locks {@code directory} (created if missing) for this process; a no-op if it holds it already.
   *
   * @param what the directory's role, for the message (e.g. "report directory")
   * @param property the setting that chooses another one (e.g. "delvm.outputDirectory")
   * @throws ReportException when another process holds it, or it cannot be locked
   */
  public static synchronized void acquire(Path directory, String what, String property) {
    Path dir = directory.toAbsolutePath().normalize();
    if (HELD.containsKey(dir)) {
      return;
    }
    Path file = dir.resolve(FILE);
    try {
      Files.createDirectories(dir);
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new ReportException(
            String.format(
                "Another build is writing the %s %s (it holds %s, with its process id). Wait for"
                    + " it to finish, or give this build its own with -D%s=<folder>.",
                what, dir, FILE, property),
            null);
      }
      channel.truncate(0);
      channel.write(
          ByteBuffer.wrap(
              (ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
      HELD.put(dir, lock);
    } catch (IOException e) {
      throw new ReportException(
          "Cannot lock the "
              + what
              + " "
              + dir
              + ": "
              + e
              + ". Pass -D"
              + property
              + "=<a writable folder>.",
          e);
    }
  }
}
