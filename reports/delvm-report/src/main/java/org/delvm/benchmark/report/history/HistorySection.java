package org.delvm.benchmark.report.history;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.delvm.benchmark.report.AtomicFiles;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.report.drift.DriftResult;
import org.delvm.benchmark.report.drift.DriftRow;

/**
 * The report's "History across commits" section: a {@link TrendChart} per gated metric of the run,
 * the charts of metrics outside their band first. The gate runs after the report is written, and
 * the report carries pictures that metrics.json does not, so the section is rendered on its own and
 * put into {@code index.html} between the markers the page leaves for it (replacing what a previous
 * check put there).
 *
 * @param plan the plan charted
 * @param historyFile where the records came from, as shown to the reader
 * @param runs how many recorded runs of the plan the charts span
 * @param outside charts whose latest run is outside its band
 * @param inside the other charts
 */
public record HistorySection(
    String plan, String historyFile, int runs, List<TrendChart> outside, List<TrendChart> inside) {

  /** Opens the section in the page; the template leaves an empty pair of markers. */
  public static final String BEGIN = "<!-- delvm:history -->";

  public static final String END = "<!-- /delvm:history -->";

  /**
   * The charts keep the latest runs only: enough to see a trend and where it broke, while a history
   * of years still gives a page of bounded size.
   */
  public static final int MAX_RUNS = 60;

  public HistorySection {
    outside = List.copyOf(outside);
    inside = List.copyOf(inside);
  }

  /** The section for this run's gated metrics over the plan's recorded runs. */
  public static HistorySection of(
      String historyFile, List<HistoryRecord> records, DriftResult result) {
    List<HistoryRecord> plan =
        records.stream().filter(r -> result.plan().equals(r.plan())).toList();
    if (plan.size() > MAX_RUNS) {
      plan = plan.subList(plan.size() - MAX_RUNS, plan.size());
    }
    List<TrendChart> outside = new ArrayList<>();
    List<TrendChart> inside = new ArrayList<>();
    for (DriftRow row : result.rows()) {
      if (row.direction() == null) {
        continue; // not gated
      }
      TrendChart chart = new TrendChart(row.key(), plan, row);
      if (chart.runs().isEmpty()) {
        continue;
      }
      (chart.outsideNow() ? outside : inside).add(chart);
    }
    return new HistorySection(result.plan(), historyFile, plan.size(), outside, inside);
  }

  /**
   * Appends this run to the history, reads it back and puts the section into the report's page: the
   * whole of {@code -Ddelvm.history}. Skipped lines go to {@code warn}. Returns the section.
   */
  public static HistorySection record(
      Path historyFile,
      String commit,
      Reproduction now,
      DriftResult result,
      Path reportDirectory,
      Consumer<String> warn) {
    History.append(historyFile, HistoryRecord.of(commit, now, result));
    List<HistoryRecord> records = History.read(historyFile, warn);
    HistorySection section = of(historyFile.getFileName().toString(), records, result);
    section.insertInto(reportDirectory.resolve(ReportWriter.HTML_FILE));
    return section;
  }

  /** The section's HTML, from {@code history.ftlh} (auto-escaped; the SVGs escape themselves). */
  public String html() {
    Configuration freemarker = new Configuration(Configuration.VERSION_2_3_35);
    freemarker.setClassForTemplateLoading(HistorySection.class, "");
    freemarker.setDefaultEncoding("UTF-8");
    freemarker.setLocale(Locale.ROOT);
    freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    freemarker.setLogTemplateExceptions(false);
    try {
      StringWriter out = new StringWriter();
      freemarker.getTemplate("history.ftlh").process(Map.of("h", this), out);
      return out.toString();
    } catch (IOException | TemplateException e) {
      throw new ReportException("Cannot render the history section: " + e.getMessage(), e);
    }
  }

  /**
   * Puts the section into the page between {@link #BEGIN} and {@link #END}; a page without the
   * markers (rendered by an older build) gets it before its footer.
   */
  public void insertInto(Path page) {
    String html;
    try {
      html = Files.readString(page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ReportException(
          "Cannot read the report "
              + page
              + " to add the history: "
              + e
              + "; run the reproduction first",
          e);
    }
    String section = BEGIN + "\n" + html() + END;
    int begin = html.indexOf(BEGIN);
    int end = begin < 0 ? -1 : html.indexOf(END, begin);
    String updated;
    if (begin >= 0 && end >= 0) {
      updated = html.substring(0, begin) + section + html.substring(end + END.length());
    } else {
      int at = html.lastIndexOf("<footer");
      at = at >= 0 ? at : html.lastIndexOf("</body>");
      if (at < 0) {
        throw new ReportException("The report " + page + " has no place for the history", null);
      }
      updated = html.substring(0, at) + section + "\n" + html.substring(at);
    }
    AtomicFiles.writeString(page, updated);
  }
}
