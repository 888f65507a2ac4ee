package org.delvm.benchmark.report.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistoryTest {

  @TempDir Path dir;

  @Test
  void recordsHoldTheGatedMetricsOnly() {
    Reproduction base = Histories.run("2026-11-01T00:00:00Z", 93.0, 90.0);
    HistoryRecord record =
        HistoryRecord.of(
            "abc",
            Histories.run("2026-11-02T00:00:00Z", 92.5, 90.5),
            Histories.check(Histories.run("2026-11-02T00:00:00Z", 92.5, 90.5), base));

    assertEquals(HistoryRecord.FORMAT, record.format());
    assertEquals("smoke", record.plan());
    assertEquals("2026-11-02T00:00:00Z", record.date());
    assertEquals("2", record.environment().get("compute threads"));
    // "runs" has no rule: not gated, not recorded.
    assertEquals(
        List.of(Histories.PRECISION, Histories.F1), List.copyOf(record.metrics().keySet()));
    MetricPoint f1 = record.metrics().get(Histories.F1);
    assertEquals(92.5, f1.mean());
    assertNull(f1.ciLow(), "one replicate without predictions has no interval");
    assertEquals(1, f1.n());
  }

  @Test
  void appendsAndReadsBackSkippingMalformedAndForeignLines() throws Exception {
    Path file = dir.resolve("sub/history.jsonl");
    Reproduction base = Histories.run("2026-11-01T00:00:00Z", 93.0, 90.0);
    History.append(file, HistoryRecord.of("c1", base, Histories.check(base, base)));
    // A write cut short (no newline), a foreign tool's line, a record of another format.
    Files.writeString(
        file, "{\"format\": \"delvm-history/1\", \"commit\": \"cut", StandardOpenOption.APPEND);
    Reproduction second = Histories.run("2026-11-02T00:00:00Z", 93.4, 90.2);
    History.append(file, HistoryRecord.of("c2", second, Histories.check(second, base)));
    Files.writeString(
        file,
        "{\"benchmark\": \"other tool\", \"value\": 1}\n"
            + "{\"format\": \"delvm-history/9\", \"commit\": \"x\", \"plan\": \"smoke\", \"metrics\": {}}\n"
            + "{\"format\": \"delvm-history/1\", \"commit\": \"c\", \"plan\": \"smoke\","
            + " \"metrics\": {\"a/F1\": {\"mean\": \"high\"}}}\n",
        StandardOpenOption.APPEND);
    Reproduction third = Histories.run("2026-11-03T00:00:00Z", 91.0, 90.1);
    History.append(file, HistoryRecord.of("c3", third, Histories.check(third, base)));

    List<String> warnings = new ArrayList<>();
    List<HistoryRecord> records = History.read(file, warnings::add);

    assertEquals(List.of("c1", "c2", "c3"), records.stream().map(HistoryRecord::commit).toList());
    assertEquals(91.0, records.get(2).metrics().get(Histories.F1).mean());
    assertEquals(4, warnings.size(), () -> String.join("\n", warnings));
    assertTrue(warnings.get(0).contains(":2: skipped, not valid JSON"), warnings.get(0));
    assertTrue(
        warnings.get(1).contains(":4: skipped, not a delvm-history/1 record"), warnings.get(1));
    assertTrue(
        warnings.get(2).contains(":5: skipped, not a delvm-history/1 record"), warnings.get(2));
    assertTrue(
        warnings.get(3).contains(":6: skipped, metric a/F1 has no numeric mean"), warnings.get(3));
    // The cut line cost only itself: the next record started on a line of its own.
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertTrue(
        lines.get(2).startsWith("{\"format\":\"delvm-history/1\",\"commit\":\"c2\""), lines.get(2));
  }

  @Test
  void absentFileIsAnEmptyHistory() {
    assertEquals(List.of(), History.read(dir.resolve("none.jsonl"), w -> {}));
  }

  @Test
  void intervalsWhereKnownSurviveTheRoundTrip() {
    Path file = dir.resolve("h.jsonl");
    History.append(
        file,
        new HistoryRecord(
            HistoryRecord.FORMAT,
            "c1",
            "2026-11-01",
            "smoke",
            Map.of(),
            Map.of("a/F1", new MetricPoint(93.0, 92.1, 93.9, 3))));
    MetricPoint p = History.read(file, w -> {}).get(0).metrics().get("a/F1");
    assertEquals(new MetricPoint(93.0, 92.1, 93.9, 3), p);
    assertTrue(p.hasInterval());
  }

  @Test
  void commitComesFromCiBeforeGit() {
    assertEquals("feed", Commits.current(dir, Map.of("GITHUB_SHA", "feed")));
    assertEquals("beef", Commits.current(dir, Map.of("CI_COMMIT_SHA", "beef")));
    // A directory outside any repository, no CI: still a record.
    assertEquals("unknown", Commits.current(dir, Map.of()));
  }
}
