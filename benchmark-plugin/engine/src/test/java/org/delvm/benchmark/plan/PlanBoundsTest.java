package org.delvm.benchmark.plan;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan files that are malformed, hostile or absurd get a PlanException that names the problem. */
class PlanBoundsTest {

  @TempDir Path dir;

  /** One valid ECG cell; {@code %s} takes extra fields (with a leading comma). */
  private static final String CELL =
      """
      {"id": "%s", "experiment": "Fig. 7", "dataset": "ecg5000", "splitSeed": 1,
       "model": "delvm-mlp", "objective": "sm", "hiddenUnits": [8], "epochs": 1,
       "batchSize": 100, "learningRates": [0.001], "seed": 1%s}
      """;

  private static final String CLAIM =
      """
      {"id": "fig7", "text": "t", "kind": "value", "experiment": "Fig. 7", "axis": "hidden units",
       "series": "%s", "at": 8, "expected": 90, "tolerance": %s}
      """;

  private PlanException refused(String planJson) throws Exception {
    Path file = Files.writeString(dir.resolve("plan.json"), planJson);
    return assertThrows(PlanException.class, () -> new PlanLoader().load(file.toString()));
  }

  private static String plan(String name, String cells, String claims) {
    return "{\"name\": \""
        + name
        + "\", \"description\": \"d\", \"cells\": ["
        + cells
        + "], \"claims\": ["
        + claims
        + "]}";
  }

  private static String cell(String id, String extra) {
    return CELL.formatted(id, extra);
  }

  private void assertRefused(String planJson, String... words) throws Exception {
    String message = refused(planJson).getMessage();
    for (String word : words) {
      assertTrue(message.contains(word), "'" + word + "' not in: " + message);
    }
  }

  @Test
  void aPlanFileHoldingNullOrNothingIsAPlanException() throws Exception {
    assertRefused("null", "holds no plan");
    assertRefused("", "No content");
    assertRefused(plan("p", "null", ""), "a cell is null");
    assertRefused(plan("p", cell("c", ""), "null"), "a claim is null");
  }

  @Test
  void aPlanNameThatIsAPathIsRefused() throws Exception {
    for (String name : new String[] {"../../escape", "a/b", ".hidden", "..", "c:\\\\x"}) {
      assertRefused(plan(name, cell("c", ""), ""), "the plan's name", "may hold only");
    }
  }

  @Test
  void cellIdsThatWouldNameTheSameFileAreRefused() throws Exception {
    assertRefused(plan("p", cell(".x", ""), ""), "cell '.x'", "must not start with '.'");
    assertRefused(plan("p", cell("Cell", "") + "," + cell("cell", ""), ""), "upper and lower case");
  }

  @Test
  void learningRatesOutsideZeroToTenAreRefused() throws Exception {
    for (String rates : new String[] {"[0]", "[-0.1]", "[10.5]", "[1e308]"}) {
      String c = cell("c", "").replace("[0.001]", rates);
      assertRefused(plan("p", c, ""), "learningRates must be positive and at most 10");
    }
  }

  @Test
  void absurdSizesAreRefusedBeforeAnythingRuns() throws Exception {
    assertRefused(
        plan("p", cell("c", "").replace("[8]", "[10000000]"), ""), "hiddenUnits", "65536");
    assertRefused(
        plan("p", cell("c", "").replace("\"epochs\": 1", "\"epochs\": 2000000000"), ""),
        "epochs must lie in [0, 100000]");
    assertRefused(
        plan("p", cell("c", "").replace("\"batchSize\": 100", "\"batchSize\": 2147483647"), ""),
        "batchSize");
    // Within every width bound, but the weights overflow any machine: 64 x 65536^2.
    String deep = "[" + "65536,".repeat(63) + "65536]";
    assertRefused(plan("p", cell("c", "").replace("[8]", deep), ""), "weights", "make it smaller");
  }

  @Test
  void negativeToleranceAndUnknownSeriesInAClaimAreRefused() throws Exception {
    assertRefused(
        plan("p", cell("c", ""), CLAIM.formatted("SM-DELVM", "-1")), "tolerance must be >= 0");
    assertRefused(
        plan("p", cell("c", ""), CLAIM.formatted("SM-DELMV", "1")),
        "series 'SM-DELMV' is neither a series",
        "SM-DELVM");
  }

  @Test
  void aHugeSweepIsRefusedQuickly() throws Exception {
    // 200 widths x 200 epochs x 80 batch sizes = 3.2 million cells.
    StringBuilder widths = new StringBuilder();
    StringBuilder epochs = new StringBuilder();
    StringBuilder batches = new StringBuilder();
    for (int i = 1; i <= 200; i++) {
      widths.append(i == 1 ? "" : ",").append('[').append(i).append(']');
      epochs.append(i == 1 ? "" : ",").append(i);
      if (i <= 80) {
        batches.append(i == 1 ? "" : ",").append(i);
      }
    }
    String template =
        cell("s", "")
            .replace("\"hiddenUnits\": [8], \"epochs\": 1,\n \"batchSize\": 100, ", "")
            .replace(
                "\"seed\": 1",
                "\"seed\": 1, \"sweep\": {\"hiddenUnits\": ["
                    + widths
                    + "], \"epochs\": ["
                    + epochs
                    + "], \"batchSize\": ["
                    + batches
                    + "]}");
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> assertRefused(plan("p", template, ""), "more than 100000 cells", "3200000"));
  }
}
