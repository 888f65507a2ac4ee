package org.delvm.benchmark.report.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three gated runs appended to a history, a malformed line among them: the report, as a browser
 * renders it, has one trend chart per gated metric with three points, and logs nothing to the
 * console.
 */
class HistoryInChromiumTest {

  @TempDir Path dir;

  @Test
  void reportShowsATrendPerGatedMetricWithThreePoints() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip();
    Path report = dir.resolve("delvm-report");
    Path history = dir.resolve("history.jsonl");
    List<String> warnings = new ArrayList<>();
    Reproduction base = Histories.run("2026-11-01T00:00:00Z", 93.0, 90.0);

    Reproduction[] runs = {
      base,
      Histories.run("2026-11-02T00:00:00Z", 93.4, 90.2),
      Histories.run("2026-11-03T00:00:00Z", 91.0, 90.1)
    };
    HistorySection section = null;
    for (int i = 0; i < runs.length; i++) {
      new ReportWriter().write(runs[i], report);
      if (i == 2) {
        Files.writeString(
            history, "{\"format\": \"delvm-history/1\", garbage\n", StandardOpenOption.APPEND);
      }
      section =
          HistorySection.record(
              history,
              "commit" + (i + 1),
              runs[i],
              Histories.check(runs[i], base),
              report,
              warnings::add);
    }

    assertEquals(1, warnings.size(), () -> String.join("\n", warnings));
    assertTrue(warnings.get(0).contains("history.jsonl:3: skipped"), warnings.get(0));
    assertEquals(3, section.runs());
    assertEquals(List.of(Histories.F1), section.outside().stream().map(TrendChart::key).toList());
    assertEquals(
        List.of(Histories.PRECISION), section.inside().stream().map(TrendChart::key).toList());

    Path page = report.resolve(ReportWriter.HTML_FILE);
    HeadlessChromium.Page rendered =
        chromium.load(page, Files.createDirectory(dir.resolve("chromium")));

    assertEquals(List.of(), rendered.console(), "console messages");
    String dom = rendered.dom();
    assertEquals(
        1, count(dom, "<section id=\"history\""), "one history section after three checks");
    List<String> charts = charts(dom);
    assertEquals(2, charts.size(), "one trend chart per gated metric");
    for (String chart : charts) {
      assertEquals(3, count(chart, "class=\"trend-point\""), chart);
    }
    String f1 =
        charts.stream()
            .filter(c -> c.contains("data-metric=\"ecg-sm/F1\""))
            .findFirst()
            .orElseThrow();
    assertTrue(f1.contains("left its band at commit3"), f1);
    assertFalse(charts.stream().filter(c -> c != f1).anyMatch(c -> c.contains("trend-left")));
    // The rest of the report is still there.
    assertTrue(dom.contains("id=\"claims\""));

    Path png =
        chromium.screenshot(page, dir.resolve("page.png"), 1000, 1400, dir.resolve("chromium"));
    assertTrue(
        Files.size(png) > 20_000, "a screenshot that is not blank: " + Files.size(png) + " bytes");
  }

  /** The console check can fail: a page that logs an error is caught. */
  @Test
  void consoleMessagesAreSeen() throws Exception {
    HeadlessChromium chromium = HeadlessChromium.findOrSkip();
    Path page = dir.resolve("bad.html");
    Files.writeString(
        page, "<!DOCTYPE html><p>x</p><script>console.error('broken chart')</script>");
    HeadlessChromium.Page rendered = chromium.load(page, Files.createDirectory(dir.resolve("c")));
    assertEquals(1, rendered.console().size(), rendered.console().toString());
    assertTrue(rendered.console().get(0).contains("broken chart"));
  }

  private static List<String> charts(String dom) {
    List<String> charts = new ArrayList<>();
    Matcher m = Pattern.compile("<svg[^>]*class=\"trend\".*?</svg>", Pattern.DOTALL).matcher(dom);
    while (m.find()) {
      charts.add(m.group());
    }
    return charts;
  }

  private static int count(String text, String literal) {
    int n = 0;
    for (int at = text.indexOf(literal); at >= 0; at = text.indexOf(literal, at + 1)) {
      n++;
    }
    return n;
  }
}
