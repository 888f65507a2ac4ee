package org.delvm.benchmark.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Reproduction} as {@code index.html} (self-contained: inline CSS, no scripts or
 * external resources) and {@code metrics.json}. Each file is written to a temporary file in the
 * same directory and moved into place atomically, so a crash never leaves half a report.
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
    json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** Writes both files into {@code directory} (created if needed) and returns the HTML path. */
  public Path write(Reproduction reproduction, Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new ReportException(
          "Cannot create the report directory " + directory + ": " + describe(e), e);
    }
    writeAtomically(directory.resolve(METRICS_FILE), metricsJson(reproduction));
    Path html = directory.resolve(HTML_FILE);
    writeAtomically(html, html(reproduction));
    return html;
  }

  /** The metrics.json document (schema: the {@link Reproduction} record, field by field). */
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
      template.process(Map.of("r", reproduction), out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new ReportException("Cannot render the HTML report: " + e.getMessage(), e);
    }
  }

  private static void writeAtomically(Path target, String content) {
    Path temp = null;
    try {
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ReportException("Cannot write " + target + ": " + describe(e), e);
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // The move succeeded or the original error is more useful than this one.
        }
      }
    }
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied; make the directory writable or choose another output directory";
    }
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.toString();
  }
}
