package org.delvm.benchmark.report.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.delvm.benchmark.report.drift.Direction;
import org.delvm.benchmark.report.drift.DriftRow;
import org.delvm.benchmark.report.drift.Verdict;
import org.junit.jupiter.api.Test;

class TrendChartTest {

  private static final String KEY = "ecg-sm/F1";

  private static List<HistoryRecord> runs(double... f1) {
    List<HistoryRecord> records = new ArrayList<>();
    for (int i = 0; i < f1.length; i++) {
      records.add(
          new HistoryRecord(
              HistoryRecord.FORMAT,
              "c" + (i + 1),
              "2026-11-0" + (i + 1),
              "smoke",
              Map.of(),
              Map.of(KEY, MetricPoint.of(f1[i]))));
    }
    return records;
  }

  /** The gate's row: baseline 93, a drop of more than 1 fails. */
  private static DriftRow row(Direction direction) {
    return new DriftRow(
        KEY,
        "ecg-sm",
        "F1",
        93.0,
        91.0,
        org.delvm.benchmark.report.stats.Estimate.single(91.0),
        -2.0,
        1.0,
        direction,
        Verdict.FAIL,
        true,
        "");
  }

  private static int count(String svg, String regex) {
    Matcher m = Pattern.compile(regex).matcher(svg);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  @Test
  void marksTheCommitWhereTheMetricLeftItsBand() {
    TrendChart chart = new TrendChart(KEY, runs(93.0, 93.4, 91.0), row(Direction.HIGHER_IS_BETTER));

    assertEquals("c3", chart.leftBand().orElseThrow().commit());
    assertTrue(chart.outsideNow());
    String svg = chart.render();
    assertEquals(3, count(svg, "class=\"trend-point\""));
    assertEquals(1, count(svg, "class=\"trend-left\""));
    assertTrue(svg.contains("left its band at c3"), svg);
    assertEquals(1, count(svg, "class=\"trend-band\""));
    assertEquals(1, count(svg, "class=\"trend-baseline\""));
  }

  @Test
  void aRiseIsNotLeavingTheBandWhenHigherIsBetter() {
    TrendChart chart = new TrendChart(KEY, runs(93.0, 99.0), row(Direction.HIGHER_IS_BETTER));
    assertTrue(chart.leftBand().isEmpty());
    assertFalse(chart.outsideNow());
    // ... but it is where both sides count.
    assertEquals(
        "c2",
        new TrendChart(KEY, runs(93.0, 99.0), row(Direction.BOTH))
            .leftBand()
            .orElseThrow()
            .commit());
  }

  @Test
  void theLatestDepartureIsMarkedAfterARecovery() {
    TrendChart chart =
        new TrendChart(KEY, runs(90.0, 93.0, 91.5, 91.0, 93.1), row(Direction.HIGHER_IS_BETTER));
    assertEquals("c3", chart.leftBand().orElseThrow().commit());
    assertFalse(chart.outsideNow());
  }

  @Test
  void noBandWithoutALimitAndGapsForRunsWithoutTheMetric() {
    List<HistoryRecord> records = new ArrayList<>(runs(93.0, 92.0));
    records.add(
        1, new HistoryRecord(HistoryRecord.FORMAT, "other", "d", "smoke", Map.of(), Map.of()));
    TrendChart chart = new TrendChart(KEY, records, null);
    assertFalse(chart.hasBand());
    assertTrue(chart.leftBand().isEmpty());
    assertEquals(List.of(0, 2), chart.runs().stream().map(TrendChart.Run::index).toList());
    assertEquals(0, count(chart.render(), "class=\"trend-band\""));
  }

  @Test
  void intervalsAreDrawnAndTextIsEscaped() {
    String key = "cell<script>/F1";
    HistoryRecord r =
        new HistoryRecord(
            HistoryRecord.FORMAT,
            "c1",
            "d",
            "smoke",
            Map.of(),
            Map.of(key, new MetricPoint(93.0, 92.0, 94.0, 3)));
    String svg = new TrendChart(key, List.of(r), null).render();
    assertEquals(1, count(svg, "class=\"trend-ci\""));
    assertFalse(svg.contains("<script>"), svg);
    assertTrue(svg.contains("cell&lt;script&gt;/F1"), svg);
    assertTrue(svg.contains("n = 3"), svg);
  }
}
