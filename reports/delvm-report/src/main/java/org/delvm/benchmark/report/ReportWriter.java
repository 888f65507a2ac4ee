package org.delvm.benchmark.report;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Reproduction} as {@code index.html} (self-contained: inline CSS and SVG plots, no
 * scripts or external resources; what it shows is prepared by {@link ReportView}) and {@code
 * metrics.json}. Each file is written to a temporary file in the same directory and moved into
 * place atomically, so a crash never leaves half a report.
 */
public final class ReportWriter {

  public static final String HTML_FILE = "index.html";
  public static final String METRICS_FILE = "metrics.json";

  private final Configuration freemarker;
  private final ObjectMapper json;

  public ReportWriter() {
    freemarker = new Configuration(Configuration.VERSION_2_3_35);
    freemarker.setClassForTemplateLoading(ReportWriter.class, "");
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setLocale(Locale.ROOT);
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
    freemarker.setWrapUncheckedExceptions(true);
    freemarker.setFallbackOnNullLoopVariable(false);
    json =
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .addMixIn(CellResult.class, WithoutSamples.class);
  }

  /**
   * metrics.json leaves the cells' pictures and per-sample predictions out: the page shows the
   * pictures, the result store keeps the predictions, and the gate reads the aggregates.
   */
  @JsonIgnoreProperties({"pictures", "predictions"})
  private interface WithoutSamples {}

  /** Writes both files into {@code directory} (created if needed) and returns the HTML path. */
  public Path write(Reproduction reproduction, Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ReportException(
          "Cannot create the report directory " + directory + ": " + AtomicFiles.describe(e), e);
    }
    AtomicFiles.writeString(directory.resolve(METRICS_FILE), metricsJson(reproduction));
    Path html = directory.resolve(HTML_FILE);
    AtomicFiles.writeString(html, html(reproduction));
    return html;
  }

  /**
   * The metrics.json document (schema: the {@link Reproduction} record, field by field, except the
   * cells' pictures and predictions, which only the HTML page and the result store carry).
   */
  public String metricsJson(Reproduction reproduction) {
    try {
      return json.writeValueAsString(reproduction) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The HTML page. */
  public String html(Reproduction reproduction) {
    try {
      Template template = freemarker.getTemplate("index.ftlh");
      StringWriter out = new StringWriter();
      template.process(Map.of("r", reproduction, "view", ReportView.of(reproduction)), out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new ReportException("Cannot render the HTML report: " + e.getMessage(), e);
    }
  }
}
