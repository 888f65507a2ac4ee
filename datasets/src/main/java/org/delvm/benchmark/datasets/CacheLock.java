package org.delvm.benchmark.datasets;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Exclusive access to one data set's cache folder, across threads and across JVMs.
 *
 * <p>{@link FileLock} only excludes other processes: the operating system grants the lock to the
 * whole JVM, and a second lock attempt from another thread of the same JVM fails with {@code
 * OverlappingFileLockException} instead of waiting. So threads first queue on an in-JVM lock per
 * lock file, and only the holder of that one takes the file lock.
 */
final class CacheLock implements AutoCloseable {

  private static final ConcurrentHashMap<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock threadLock;
  private final FileChannel channel;
  private final FileLock fileLock;

  private CacheLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
    this.threadLock = threadLock;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Blocks until this thread holds {@code lockFile} (created if absent), logging any wait. */
  static CacheLock acquire(Path lockFile, Consumer<String> log) throws IOException {
    Path key = lockFile.toAbsolutePath().normalize();
    ReentrantLock threadLock = IN_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    if (!threadLock.tryLock()) {
      log.accept("Waiting for another thread fetching into " + key.getParent());
      threadLock.lock();
    }
    FileChannel channel = null;
    try {
      channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock fileLock = channel.tryLock();
      if (fileLock == null) {
        log.accept("Waiting for another process fetching into " + key.getParent());
        fileLock = channel.lock();
      }
      return new CacheLock(threadLock, channel, fileLock);
    } catch (IOException | RuntimeException e) {
      if (channel != null) {
        channel.close();
      }
      threadLock.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      fileLock.release();
      channel.close();
    } finally {
      threadLock.unlock();
    }
  }
}
