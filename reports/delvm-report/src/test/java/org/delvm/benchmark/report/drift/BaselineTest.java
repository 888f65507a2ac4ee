package org.delvm.benchmark.report.drift;

import static org.delvm.benchmark.report.drift.Runs.CELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.Reproduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {

  @Test
  void holdsEveryMetricByKeyWithTheRunItCameFrom() {
    Baseline b = Baseline.from(Runs.usual());

    assertEquals("smoke", b.plan());
    assertEquals("2026-11-28T02:00:00Z", b.startedAt());
    assertEquals("17", b.environment().get("java"));
    assertEquals(8, b.metrics().size());
    assertEquals(389.0, b.metrics().get("ecg-sm/true positives"));
    assertEquals(
        List.of("ecg-sm/precision", "ecg-sm/recall"),
        b.metrics().keySet().stream().limit(2).toList());
    // One sample: 100 / (TP + FP) = 100 / 437 for precision, 100 / (TP + FN) = 100 / 394 for
    // recall.
    assertEquals(100.0 / 437, b.oneSampleStep(CELL + "/precision"), 1e-12);
    assertEquals(100.0 / 394, b.oneSampleStep(CELL + "/recall"), 1e-12);
    assertEquals(100.0 / 394, b.oneSampleStep(CELL + "/F1"), 1e-12);
    assertEquals(0, b.oneSampleStep(CELL + "/true positives"));
  }

  @Test
  void roundTripsThroughJsonWithUndefinedValuesAsNull(@TempDir Path dir) throws Exception {
    Reproduction run = Runs.with(Runs.usual(), "precision", Double.NaN);
    Baseline b = Baseline.from(run);
    Path file = dir.resolve("baselines/smoke.json");

    b.write(file);

    assertEquals(b, Baseline.read(file));
    JsonNode json = new ObjectMapper().readTree(file.toFile());
    assertTrue(json.get("metrics").get("ecg-sm/precision").isNull(), "no NaN in a JSON file");
    assertEquals(98.73096446700508, json.get("metrics").get("ecg-sm/recall").asDouble(), 1e-12);
    assertTrue(Files.readString(file).endsWith("}\n"));
    try (Stream<Path> files = Files.list(dir.resolve("baselines"))) {
      assertEquals(List.of("smoke.json"), files.map(p -> p.getFileName().toString()).toList());
    }
    assertNull(Baseline.read(file).metrics().get("ecg-sm/precision"));
  }

  @Test
  void anEmptyNullOrDamagedBaselineIsAnErrorNamingTheFileNeverAnNpe(@TempDir Path dir)
      throws Exception {
    for (String json :
        List.of(
            "{\"plan\": \"smoke\", \"metrics\": {}}",
            "{\"plan\": \"smoke\", \"metrics\": null}",
            "{\"plan\": \"smoke\"}",
            "null",
            "{\"plan\": \"smoke\", \"metrics\": {\"a/F1\": 1},"
                + " \"claims\": {\"c\": \"NOT SUPPORTED\"}}")) {
      Path file = Files.writeString(dir.resolve("smoke.json"), json);
      ReportException e = assertThrows(ReportException.class, () -> Baseline.read(file), json);
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
  }

  @Test
  void aCellWithoutConfusionCountsHasNoOneSampleStep() {
    Reproduction run =
        Runs.run(
            Runs.cell(CELL, CellStatus.COMPLETED, Runs.anomalyMetrics(8, 2, 88, 2).subList(0, 3)));
    assertTrue(Baseline.from(run).oneSampleStep().isEmpty());
  }

  @Test
  void aBrokenFileSaysHowToRegenerateIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("smoke.json");
    Files.writeString(file, "{\"plan\": \"smoke\"}");
    ReportException e = assertThrows(ReportException.class, () -> Baseline.read(file));
    assertTrue(e.getMessage().contains("delvm.updateBaseline=true"), e.getMessage());
    assertFalse(e.getMessage().isBlank());
  }
}
