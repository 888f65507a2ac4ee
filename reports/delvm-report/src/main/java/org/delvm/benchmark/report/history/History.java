package org.delvm.benchmark.report.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.delvm.benchmark.report.ReportException;

/**
 * The history file: JSON Lines, one {@link HistoryRecord} per line, oldest first. Appending never
 * rewrites what is there, so a file kept by CI only grows; reading skips, with a warning, every
 * line that is not a record of this format (a truncated write, a hand edit, another tool's line),
 * so one bad line never costs the rest of the history.
 */
public final class History {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private History() {}

  /**
   * Appends one line. When the file does not end with a newline (a write cut short), the record
   * starts on a line of its own, so the cut line is the only one lost.
   */
  public static void append(Path file, HistoryRecord record) {
    String line;
    try {
      line = JSON.writeValueAsString(record) + "\n";
    } catch (JsonProcessingException e) {
      throw new ReportException("Cannot write the history record: " + e.getMessage(), e);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      if (Files.size(file) > 0 && !endsWithNewline(file)) {
        line = "\n" + line;
      }
    } catch (NoSuchFileException absent) {
      // A new history: nothing to separate from.
    } catch (IOException e) {
      throw new ReportException("Cannot append to the history " + file + ": " + e, e);
    }
    try {
      // One write call of the whole line: with O_APPEND, concurrent appenders do not interleave.
      Files.write(
          file,
          line.getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new ReportException("Cannot append to the history " + file + ": " + e, e);
    }
  }

  /**
   * Every valid record, in file order; an absent file is an empty history. Each skipped line is
   * reported to {@code warn} with its line number and why.
   */
  public static List<HistoryRecord> read(Path file, Consumer<String> warn) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException absent) {
      return List.of();
    } catch (IOException e) {
      throw new ReportException("Cannot read the history " + file + ": " + e, e);
    }
    List<HistoryRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String problem;
      try {
        JsonNode node = JSON.readTree(line);
        problem = problem(node);
        if (problem == null) {
          records.add(JSON.treeToValue(node, HistoryRecord.class));
          continue;
        }
      } catch (JsonProcessingException | IllegalArgumentException e) {
        problem = "not valid JSON (" + firstLine(message(e)) + ")";
      }
      warn.accept(String.format("%s:%d: skipped, %s", file, i + 1, problem));
    }
    return records;
  }

  /** Why a parsed line is not a record this code can chart, or {@code null} when it is one. */
  private static String problem(JsonNode node) {
    if (!node.isObject()) {
      return "not a JSON object";
    }
    JsonNode format = node.get("format");
    if (format == null || !HistoryRecord.FORMAT.equals(format.asText())) {
      return "not a " + HistoryRecord.FORMAT + " record (format " + format + ")";
    }
    for (String field : List.of("commit", "plan")) {
      JsonNode value = node.get(field);
      if (value == null || !value.isTextual() || value.asText().isBlank()) {
        return "no " + field;
      }
    }
    JsonNode metrics = node.get("metrics");
    if (metrics == null || !metrics.isObject()) {
      return "no metrics object";
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = metrics.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> metric = it.next();
      JsonNode mean = metric.getValue().get("mean");
      if (mean == null || !mean.isNumber()) {
        return "metric " + metric.getKey() + " has no numeric mean";
      }
    }
    return null;
  }

  private static boolean endsWithNewline(Path file) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
      raf.seek(raf.length() - 1);
      return raf.read() == '\n';
    }
  }

  private static String message(Exception e) {
    return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
