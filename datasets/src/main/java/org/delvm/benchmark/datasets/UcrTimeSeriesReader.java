package org.delvm.benchmark.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the UCR archive's text format: one series per line, whitespace-separated fields, the first
 * field the class label written as a float ({@code 1.0000000e+00}), then the values. Blank lines
 * are ignored; every other line must have the same number of fields.
 */
public final class UcrTimeSeriesReader {

  private UcrTimeSeriesReader() {}

  /** Reads a UCR {@code .txt} file. */
  public static LabelledSeries read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  /**
   * Reads UCR text from a stream.
   *
   * @param sourceName names the data in error messages and in the result
   * @throws DatasetException naming the source and line on malformed input
   */
  public static LabelledSeries read(InputStream in, String sourceName) throws IOException {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    int lineNumber = 0;
    for (String line; (line = reader.readLine()) != null; ) {
      lineNumber++;
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      String[] fields = trimmed.split("\\s+");
      if (fields.length < 2) {
        throw error(sourceName, lineNumber, "expected a label and at least one value");
      }
      if (!rows.isEmpty() && fields.length - 1 != rows.get(0).length) {
        throw error(
            sourceName,
            lineNumber,
            "expected "
                + rows.get(0).length
                + " values like the first row, found "
                + (fields.length - 1));
      }
      labels.add(parseLabel(fields[0], sourceName, lineNumber));
      float[] values = new float[fields.length - 1];
      for (int i = 1; i < fields.length; i++) {
        values[i - 1] = parseValue(fields[i], i + 1, sourceName, lineNumber);
      }
      rows.add(values);
    }
    if (rows.isEmpty()) {
      throw new DatasetException(sourceName + ": no data rows (empty file)");
    }
    int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
    return new LabelledSeries(rows.toArray(new float[0][]), labelArray, sourceName);
  }

  private static int parseLabel(String field, String source, int line) {
    double label;
    try {
      label = Double.parseDouble(field);
    } catch (NumberFormatException e) {
      throw error(source, line, "field 1 should be a numeric class label, found '" + field + "'");
    }
    if (label != Math.rint(label) || Math.abs(label) > Integer.MAX_VALUE) {
      throw error(source, line, "field 1 should be a whole class label, found '" + field + "'");
    }
    return (int) label;
  }

  private static float parseValue(String field, int column, String source, int line) {
    float value;
    try {
      value = Float.parseFloat(field);
    } catch (NumberFormatException e) {
      throw error(source, line, "field " + column + " should be a number, found '" + field + "'");
    }
    if (!Float.isFinite(value)) {
      throw error(
          source,
          line,
          "field " + column + " is '" + field + "'; missing values are not supported");
    }
    return value;
  }

  private static DatasetException error(String source, int line, String what) {
    return new DatasetException(source + ", line " + line + ": " + what);
  }
}
