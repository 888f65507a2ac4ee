package org.delvm.benchmark.reproduction;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finished cells of one plan, kept between runs as {@code <resultsDirectory>/<plan>/<cellId>.json}
 * so that an interrupted or repeated run redoes only what is missing. Each file is written to a
 * temporary file, flushed to disk and renamed into place, so a killed run leaves either the whole
 * result or none.
 */
public final class ResultStore {

  private static final String SUFFIX = ".json";
  private static final String TEMP_SUFFIX = ".tmp";

  /**
   * Strict reading: a file that lacks a field or has trailing bytes is damaged, not a result with
   * defaults. (Absent values such as a metric without a paper value are written as explicit nulls.)
   */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private final Path directory;
  private final Consumer<String> log;

  private ResultStore(Path directory, Consumer<String> log) {
    this.directory = directory;
    this.log = log;
  }

  /**
   * Opens the plan's folder under {@code resultsDirectory}, creating it, and deletes the temporary
   * files a killed run may have left (they are never complete results).
   */
  public static ResultStore open(Path resultsDirectory, String planName, Consumer<String> log) {
    Path directory = resultsDirectory.resolve(fileName(planName));
    int deleted = 0;
    try {
      Files.createDirectories(directory);
      try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
        for (Path temp : temps) {
          Files.deleteIfExists(temp);
          deleted++;
        }
      }
    } catch (IOException e) {
      throw new ResultStoreException(
          "Cannot use the results directory "
              + directory.toAbsolutePath()
              + ": "
              + e
              + ". Fix its permissions or pass -Ddelvm.resultsDirectory=<a writable folder>.",
          e);
    }
    if (deleted > 0) {
      log.accept("deleted " + deleted + " unfinished result file(s) of an interrupted run");
    }
    return new ResultStore(directory, log);
  }

  /** The plan's folder. */
  public Path directory() {
    return directory;
  }

  /** Where the cell's result is kept. */
  public Path file(String cellId) {
    return directory.resolve(fileName(cellId) + SUFFIX);
  }

  /**
   * The cell's stored result, or empty when there is none. A file that cannot be read is reported,
   * deleted, and treated as absent: the cell is simply run again.
   */
  public Optional<StoredResult> read(String cellId) {
    Path file = file(cellId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      StoredResult stored = JSON.readValue(file.toFile(), StoredResult.class);
      if (stored == null) {
        throw new IOException("the file holds JSON null");
      }
      return Optional.of(stored);
    } catch (IOException e) {
      log.accept(
          "cell "
              + cellId
              + ": the stored result "
              + file
              + " is unreadable ("
              + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
              + "); deleting it and running the cell again");
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // The next write replaces it anyway.
      }
      return Optional.empty();
    }
  }

  /** Stores the cell's result atomically, replacing an older one. */
  public void write(String cellId, StoredResult result) throws IOException {
    Path target = file(cellId);
    byte[] bytes = JSON.writeValueAsBytes(result);
    Path temp = Files.createTempFile(directory, target.getFileName() + ".", TEMP_SUFFIX);
    try {
      try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          out.write(buffer);
        }
        // On disk before the rename makes it visible: a crash cannot expose an empty file.
        out.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Plan names and cell ids are free text; file names keep only portable characters and never start
   * with a dot (no hidden files, no {@code ..}).
   */
  static String fileName(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_").replaceFirst("^\\.", "_");
  }
}
