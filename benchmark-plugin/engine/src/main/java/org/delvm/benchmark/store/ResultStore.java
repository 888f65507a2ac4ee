package org.delvm.benchmark.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Consumer;
import org.delvm.benchmark.run.RunLog;

/**
 * Finished cells of one plan, kept between runs as {@code <resultsDirectory>/<plan>/<cellId>.json}
 * so that an interrupted or repeated run redoes only what is missing. Each file is written to a
 * temporary file, flushed to disk and renamed into place, so a killed run leaves either the whole
 * result or none.
 */
public final class ResultStore {

  private static final String SUFFIX = ".json";
  private static final String TEMP_SUFFIX = ".tmp";

  /** The field that holds the SHA-256 of the rest of the file, in its canonical form. */
  static final String INTEGRITY_FIELD = "sha256";

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

  /** Sorted properties and keys: the bytes the integrity hash is taken over. */
  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private final Path directory;
  private final RunLog log;

  private ResultStore(Path directory, RunLog log) {
    this.directory = directory;
    this.log = log;
  }

  /** As {@link #open(Path, String, RunLog)}, warnings marked in the one log. */
  public static ResultStore open(Path resultsDirectory, String planName, Consumer<String> log) {
    return open(resultsDirectory, planName, RunLog.of(log));
  }

  /**
   * Opens the plan's folder under {@code resultsDirectory}, creating it, and deletes the temporary
   * files that killed runs left (they are never complete results). A temporary file of a build that
   * is still running (its process id is in the name) is left alone.
   */
  public static ResultStore open(Path resultsDirectory, String planName, RunLog log) {
    Path directory = resultsDirectory.resolve(fileName(planName));
    int deleted = 0;
    try {
      Files.createDirectories(directory);
      try (DirectoryStream<Path> temps = Files.newDirectoryStream(directory, "*" + TEMP_SUFFIX)) {
        for (Path temp : temps) {
          if (!writtenByALiveProcess(temp)) {
            Files.deleteIfExists(temp);
            deleted++;
          }
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
      log.info().accept("deleted " + deleted + " unfinished result file(s) of an interrupted run");
    }
    return new ResultStore(directory, log);
  }

  /** Temporary files are named {@code <cell>.json.<pid>.<random>.tmp} by {@link #write}. */
  private static boolean writtenByALiveProcess(Path temp) {
    String[] parts = temp.getFileName().toString().split("\\.");
    if (parts.length < 4) {
      return false;
    }
    try {
      long pid = Long.parseLong(parts[parts.length - 3]);
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException notOurs) {
      return false;
    }
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
   * The cell's stored result, or empty when there is none. A file that cannot be read, fails the
   * integrity check or holds an invalid result is named in a warning, deleted, and treated as
   * absent: the cell is simply run again.
   */
  public Optional<StoredResult> read(String cellId) {
    Path file = file(cellId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      StoredResult stored = verified(JSON.readTree(file.toFile()));
      StoredResultCheck.problem(stored, cellId)
          .ifPresent(
              p -> {
                throw new InvalidResultException(p);
              });
      return Optional.of(stored);
    } catch (IOException | InvalidResultException e) {
      log.warning()
          .accept(
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

  /** The result in {@code tree} if its integrity hash matches its content. */
  private static StoredResult verified(JsonNode tree) throws IOException {
    if (tree == null || !tree.isObject()) {
      throw new IOException("the file holds no JSON object");
    }
    JsonNode hash = ((ObjectNode) tree).remove(INTEGRITY_FIELD);
    StoredResult stored = JSON.treeToValue(tree, StoredResult.class);
    if (stored == null) {
      throw new IOException("the file holds JSON null");
    }
    if (hash == null || !hash.isTextual()) {
      throw new IOException("it has no " + INTEGRITY_FIELD + " integrity field");
    }
    if (!hash.asText().equals(sha256(stored))) {
      throw new IOException(
          "its content does not match its " + INTEGRITY_FIELD + ": it was edited or damaged");
    }
    return stored;
  }

  /** Stores the cell's result atomically, replacing an older one. */
  public void write(String cellId, StoredResult result) throws IOException {
    Path target = file(cellId);
    ObjectNode tree = JSON.valueToTree(result);
    tree.put(INTEGRITY_FIELD, sha256(result));
    byte[] bytes = JSON.writeValueAsBytes(tree);
    String owner = target.getFileName() + "." + ProcessHandle.current().pid() + ".";
    Path temp = Files.createTempFile(directory, owner, TEMP_SUFFIX);
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
   * SHA-256 of the result's canonical JSON (sorted keys), which holds its fingerprint: an edited
   * metric, status or fingerprint no longer matches. It detects edits and damage, not a forger who
   * recomputes it.
   */
  static String sha256(StoredResult result) throws IOException {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(CANONICAL.writeValueAsBytes(result)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256", e);
    }
  }

  /**
   * Plan names and cell ids become file names injectively: letters, digits, '_', '-' and '.' (but
   * not a leading one: no hidden files, no {@code ..}) stay; every other character, and '+',
   * becomes '+' and its four hex digits, so {@code .x} ({@code +002ex}) and {@code _x} stay apart.
   */
  public static String fileName(String name) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean plain =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-'
              || (c == '.' && i > 0);
      out.append(plain ? String.valueOf(c) : String.format("+%04x", (int) c));
    }
    return out.toString();
  }

  /** A stored result that parses but breaks the schema. */
  private static final class InvalidResultException extends RuntimeException {
    InvalidResultException(String message) {
      super(message);
    }
  }
}
