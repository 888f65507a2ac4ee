package org.delvm.benchmark.report.drift;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.Reproduction;

/**
 * Reads a {@code metrics.json} written by {@code ReportWriter} back into a {@link Reproduction}
 * (Jackson binds the records through their canonical constructors; NaN comes back from its {@code
 * "NaN"} string). Unknown fields are ignored, so a report from a newer build stays readable.
 */
public final class MetricsJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private MetricsJson() {}

  public static Reproduction read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ReportException(
          "No " + file + ": run the reproduction first (mvn verify runs it before the check)",
          null);
    }
    try {
      return JSON.readValue(file.toFile(), Reproduction.class);
    } catch (IOException e) {
      throw new ReportException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
