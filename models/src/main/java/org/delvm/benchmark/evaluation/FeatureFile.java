package org.delvm.benchmark.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Feature rows in a scratch file (float32, row after row), deleted on {@link #close()}. The paper's
 * full-scale probes have 60000 x 62720 features (Fashion-MNIST, four layers of 80 filters): 15 GB,
 * more than the heap. Rows are read with positional reads, not memory-mapped, so that the file's
 * pages count as the OS's cache and not as this process's resident memory (which JavaCPP limits).
 *
 * <p>File names carry the process id: {@link #removeStale} deletes the files of processes that are
 * gone (a run killed while probing), and never a live process's.
 */
public final class FeatureFile implements FeatureRows {

  private static final String PREFIX = "features-";
  private static final String SUFFIX = ".f32";

  private final Path path;
  private final FileChannel channel;
  private final int rows;
  private final int width;
  private final ByteBuffer buffer;
  private final FloatBuffer floats;

  private FeatureFile(Path path, FileChannel channel, int rows, int width) {
    this.path = path;
    this.channel = channel;
    this.rows = rows;
    this.width = width;
    this.buffer = ByteBuffer.allocateDirect(4 * width).order(ByteOrder.nativeOrder());
    this.floats = buffer.asFloatBuffer();
  }

  /** Starts a new file of rows of {@code width} features in {@code directory} (created). */
  public static Writer create(Path directory, int width) {
    if (width < 1) {
      throw new IllegalArgumentException("feature rows need >= 1 feature, got " + width);
    }
    try {
      Files.createDirectories(directory);
      Path path =
          Files.createTempFile(directory, PREFIX + ProcessHandle.current().pid() + "-", SUFFIX);
      return new Writer(path, width);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create a feature scratch file in "
              + directory
              + " ("
              + e.getMessage()
              + "); check that the directory is writable and has room",
          e);
    }
  }

  /** Deletes the feature files in {@code directory} whose process has ended; returns how many. */
  public static int removeStale(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    int removed = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        int dash = name.indexOf('-', PREFIX.length());
        String pid = dash < 0 ? "" : name.substring(PREFIX.length(), dash);
        if (!pid.isEmpty()
            && pid.chars().allMatch(Character::isDigit)
            && ProcessHandle.of(Long.parseLong(pid)).isEmpty()
            && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot clean feature scratch files in " + directory, e);
    }
    return removed;
  }

  @Override
  public int rows() {
    return rows;
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public void read(int row, float[] into) {
    if (row < 0 || row >= rows) {
      throw new IndexOutOfBoundsException("row " + row + " of " + rows);
    }
    buffer.clear();
    long position = (long) row * width * 4;
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, position + buffer.position()) < 0) {
          throw new IllegalStateException(path + " ended before row " + row);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read row " + row + " of " + path, e);
    }
    floats.clear();
    floats.get(into, 0, width);
  }

  /** The file's path (for messages). */
  public Path path() {
    return path;
  }

  @Override
  public void close() {
    try {
      channel.close();
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the feature scratch file " + path, e);
    }
  }

  /** Appends rows; {@link #finish()} turns the file into a readable table. */
  public static final class Writer implements AutoCloseable {
    private final Path path;
    private final int width;
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private final FloatBuffer floats;
    private int rows;
    private boolean finished;

    private Writer(Path path, int width) throws IOException {
      this.path = path;
      this.width = width;
      this.channel =
          FileChannel.open(
              path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
      this.buffer = ByteBuffer.allocateDirect(4 * width).order(ByteOrder.nativeOrder());
      this.floats = buffer.asFloatBuffer();
    }

    public int width() {
      return width;
    }

    /** Appends {@code length} values of {@code values} from {@code offset} as the next row. */
    public void append(float[] values, int offset, int length) {
      if (length != width) {
        throw new IllegalArgumentException(
            "a row of " + path + " has " + width + " features, got " + length);
      }
      floats.clear();
      floats.put(values, offset, length);
      buffer.clear();
      try {
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot write features to " + path + " (" + e.getMessage() + "); is the disk full?", e);
      }
      rows++;
    }

    /** The finished table; this writer is done. */
    public FeatureFile finish() {
      if (rows == 0) {
        close();
        throw new IllegalStateException("no rows were written to " + path);
      }
      finished = true;
      return new FeatureFile(path, channel, rows, width);
    }

    /** Deletes the file unless {@link #finish()} handed it on. */
    @Override
    public void close() {
      if (finished) {
        return;
      }
      try {
        channel.close();
        Files.deleteIfExists(path);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the feature scratch file " + path, e);
      }
    }
  }
}
