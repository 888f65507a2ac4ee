package org.delvm.benchmark.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

  static Reproduction sample(String planDescription) {
    CellResult cell =
        new CellResult(
            "ecg-sm-2048",
            "Fig. 7",
            "ecg5000",
            "DELVM (MLP 140-2048)",
            "sm",
            Map.of("hidden units", "2048", "epochs", "10"),
            42L,
            CellStatus.COMPLETED,
            "",
            3.5,
            4682.0,
            List.of(12.5, 3.25),
            List.of(
                new MetricResult("precision", 91.234, 90.57, "%"),
                new MetricResult("F1", 95.0, 94.81, "%"),
                new MetricResult("threshold", 0.75, null, "")),
            "SM-DELVM",
            Map.of("hidden units", 2048.0));
    DatasetRecord data =
        new DatasetRecord(
            "ecg5000",
            "ECG5000",
            false,
            "",
            List.of(new DatasetRecord.FileRecord("ECG5000_TRAIN.txt", 10, "abc123", "bundled")),
            Map.of("test beats", "1000"));
    return new Reproduction(
        "smoke",
        planDescription,
        "2026-11-28T02:00:00Z",
        12.0,
        Map.of("java", "17"),
        List.of(data),
        List.of(cell),
        List.of(),
        null);
  }

  @Test
  void writesHtmlAndMetricsWithThePaperValuesBesideTheReproducedOnes(@TempDir Path dir)
      throws Exception {
    Path html = new ReportWriter().write(sample("tiny"), dir.resolve("report"));

    String page = Files.readString(html);
    assertTrue(page.contains("<td class=\"n\">90.57</td>"), page);
    assertTrue(page.contains("<td class=\"n\">91.23</td>"), page);
    assertTrue(page.contains("+0.66"), page);
    assertTrue(page.contains("not reported"), page);
    assertTrue(page.contains("abc123"), page);
    assertFalse(page.contains("<script"), "self-contained, no scripts");

    JsonNode metrics = new ObjectMapper().readTree(dir.resolve("report/metrics.json").toFile());
    assertEquals("smoke", metrics.get("plan").asText());
    JsonNode precision = metrics.get("cells").get(0).get("metrics").get(0);
    assertEquals(91.234, precision.get("value").asDouble());
    assertEquals(90.57, precision.get("paper").asDouble());
    try (Stream<Path> files = Files.list(dir.resolve("report"))) {
      assertEquals(
          List.of("index.html", "metrics.json"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void escapesStringsFromPlansAndData(@TempDir Path dir) {
    String page = new ReportWriter().html(sample("<script>alert(1)</script>"));
    assertFalse(page.contains("<script>alert"), page);
    assertTrue(page.contains("&lt;script&gt;"), page);
  }

  @Test
  void seriesNamesAndOtherStringsAreEscapedInsideThePlotsToo() {
    String page = new ReportWriter().html(Reproductions.rich("<script>alert(1)</script>"));
    assertFalse(page.toLowerCase(java.util.Locale.ROOT).contains("<script"), page);
    assertTrue(
        page.contains("data-series=\"&lt;script&gt;alert(1)&lt;/script&gt;\""), "series, escaped");
    assertTrue(page.contains("text-anchor=\"start\">&lt;script&gt;alert(1)"), "legend, escaped");
    assertTrue(page.contains("out of memory &lt;boom&gt;"), page);
  }

  @Test
  void showsEverySectionWithPlotsTablesAndTheSignVerdict() throws Exception {
    Reproduction rich = Reproductions.rich("SM-DELVM");
    String page = new ReportWriter().html(rich);
    assertEquals(2, page.split("<svg ", -1).length - 1, "one plot per experiment");
    assertTrue(page.contains("<polyline "), page);
    assertTrue(page.contains("class=\"paper-point\""), page);
    assertTrue(page.contains("id=\"overview\""), page);
    assertTrue(page.contains("Warning: lossy copy."), page);
    assertTrue(
        page.contains("94.00 <span class=\"muted\">[81.29, 100.00] n&nbsp;=&nbsp;2 replicates"),
        "mean [95 % t-interval] over two seeds");
    assertTrue(page.contains("id=\"scoreboard\""), page);
    assertTrue(page.contains("within tolerance"), page);
    assertTrue(page.contains("not reproduced"), page);
    assertTrue(page.contains("not reported by the paper"), page);
    assertTrue(
        page.contains("<strong><code>sm</code></strong> (Hyv&auml;rinen&rsquo;s sign)"), page);
    assertTrue(page.contains("1 of 11 cell(s) did not complete."), page);
    assertFalse(page.matches("(?s).*(src|href)\\s*=\\s*\"?(https?:)?//.*"), "no external resource");
    assertFalse(page.contains("<link") || page.contains("<img") || page.contains("@import"));

    // A copy for looking at (and for .ci/check-report's Chromium run when no build ran).
    new ReportWriter().write(rich, Path.of("target", "report-sample"));
  }

  @Test
  void picturesAreInlineDataUrisWithEscapedCaptionsAndStayOutOfMetricsJson(@TempDir Path dir)
      throws Exception {
    Reproduction plain = Reproductions.rich("SM-DELVM");
    List<CellResult> cells = new java.util.ArrayList<>(plain.cells());
    Picture test = CellResultTest.picture("test images <i>", "Sneaker <b>", 28, 200);
    Picture sample = CellResultTest.picture("Langevin samples & more", "sample 1", 28, 30);
    cells.set(0, cells.get(0).withPictures(List.of(test, test, sample)));
    Reproduction run =
        new Reproduction(
            plain.plan(),
            plain.planDescription(),
            plain.startedAt(),
            plain.wallSeconds(),
            plain.environment(),
            plain.datasets(),
            cells,
            plain.claims(),
            plain.replicates());

    Path html = new ReportWriter().write(run, dir);
    String page = Files.readString(html);

    assertTrue(
        page.contains("<image href=\"data:image/png;base64," + test.pngBase64() + "\""), page);
    assertEquals(3, page.split("<image href=\"data:image/png;base64,", -1).length - 1);
    assertTrue(page.contains("width=\"56\" height=\"56\" viewBox=\"0 0 28 28\""), "shown x2");
    assertTrue(
        page.contains("<figcaption>test images &lt;i&gt;</figcaption>"), "one strip caption");
    assertEquals(
        1, page.split("<figcaption>test images ", -1).length - 1, "two pictures, one strip");
    assertTrue(page.contains("<figcaption>Langevin samples &amp; more</figcaption>"), page);
    assertTrue(page.contains("aria-label=\"Sneaker &lt;b&gt;\""), page);
    assertFalse(page.contains("<b>") || page.contains("<i>"), "captions escaped");
    // .ci/check-report allows no <img> and no external resource: pictures are inline SVG images.
    assertFalse(page.contains("<img"), page);
    assertFalse(page.matches("(?s).*(src|href)\\s*=\\s*\"?(https?:)?//.*"), "no external resource");

    String metrics = Files.readString(dir.resolve(ReportWriter.METRICS_FILE));
    assertFalse(metrics.contains("pictures"), "metrics.json carries no pictures");
    assertFalse(metrics.contains(test.pngBase64()), "metrics.json carries no pictures");
    assertEquals(
        new ReportWriter().metricsJson(plain), metrics, "the same metrics.json as without them");

    // A copy for looking at (and for running .ci/check-report on a page with pictures).
    new ReportWriter().write(run, Path.of("target", "report-sample-pictures"));
  }

  @Test
  void unwritableDirectoryGivesAnErrorNamingThePath(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    ReportException e =
        assertThrows(
            ReportException.class, () -> new ReportWriter().write(sample("x"), file.resolve("r")));
    assertTrue(e.getMessage().contains(file.resolve("r").toString()), e.getMessage());
  }
}
