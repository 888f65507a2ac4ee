package org.delvm.benchmark.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweeps, seeds and overrides in plan files, through {@link PlanLoader}. */
class PlanExpanderTest {

  @TempDir Path dir;

  private static final String BASE =
      """
      "experiment": "Fig. 7", "dataset": "ecg5000", "splitSeed": 1, "model": "delvm-mlp",
      "batchSize": 100, "learningRates": [0.001]""";

  private Path plan(String cells) throws Exception {
    return plan(cells, "");
  }

  private Path plan(String cells, String claims) throws Exception {
    return Files.writeString(
        dir.resolve("plan.json"),
        "{\"name\": \"mine\", \"description\": \"d\",\n\"cells\": ["
            + cells
            + "]"
            + (claims.isEmpty() ? "" : ",\n\"claims\": [" + claims + "]")
            + "}");
  }

  private static Plan load(Path file) {
    return new PlanLoader().load(file.toString());
  }

  private static String message(Path file) {
    return assertThrows(PlanException.class, () -> load(file)).getMessage();
  }

  @Test
  void aSweepExpandsToTheCartesianProductWithReadableIdsSeriesAndCoordinates() throws Exception {
    Plan plan =
        load(
            plan(
                "{\"id\": \"fig7\", "
                    + BASE
                    + ", \"epochs\": 2, \"seed\": 1,\n"
                    + "\"sweep\": {\"hiddenUnits\": [[64], [128]], \"objective\": [\"sm\", \"cd\"]}}"));
    assertEquals(
        List.of("fig7-sm-mlp64", "fig7-sm-mlp128", "fig7-cd-mlp64", "fig7-cd-mlp128"),
        plan.cells().stream().map(Cell::id).toList());
    Cell cd128 = plan.cells().get(3);
    assertEquals("cd", cd128.objective());
    assertEquals(List.of(128), cd128.hiddenUnits());
    assertEquals("CD-DELVM", cd128.series());
    assertEquals(Map.of("hidden units", 128.0), cd128.coordinates());
    assertEquals("relu", cd128.activation());
    assertEquals(Map.of(), cd128.paper());
  }

  @Test
  void aCnnDepthSweepWithOneKernelSizeUsesItInEveryLayerAndCanSweepTheModel() throws Exception {
    Plan plan =
        load(
            plan(
                "{\"id\": \"fig3\", \"experiment\": \"Fig. 3\", \"dataset\": \"fashion-mnist\","
                    + " \"splitSeed\": 1, \"objective\": \"sm\", \"kernels\": [5], \"epochs\": 1,"
                    + " \"batchSize\": 100, \"learningRates\": [0.001], \"seed\": 1,"
                    + " \"images\": {\"trainImages\": 10, \"testImages\": 10, \"probeEpochs\": 1},\n"
                    + "\"sweep\": {\"model\": [\"delvm-cnn\", \"dem-cnn\"],"
                    + " \"hiddenUnits\": [[8], [8, 8, 8]]}}"));
    assertEquals(
        List.of(
            "fig3-delvm-cnn-f8", "fig3-delvm-cnn-f8x8x8", "fig3-dem-cnn-f8", "fig3-dem-cnn-f8x8x8"),
        plan.cells().stream().map(Cell::id).toList());
    Cell deep = plan.cells().get(3);
    assertEquals(List.of(5, 5, 5), deep.kernels());
    assertEquals("SM-DEM", deep.series());
    assertEquals(Map.of("layers", 3.0), deep.coordinates());
  }

  @Test
  void aDepthSweepGivesTheLayersCoordinateAndSeedsReplicateEveryCell() throws Exception {
    Plan plan =
        load(
            plan(
                "{\"id\": \"fig8-sm\", "
                    + BASE
                    + ", \"epochs\": 2, \"objective\": \"sm\", \"seeds\": [1, 2],\n"
                    + "\"sweep\": {\"hiddenUnits\": [[32], [32, 32]]}}"));
    assertEquals(
        List.of(
            "fig8-sm-mlp32-seed1",
            "fig8-sm-mlp32-seed2",
            "fig8-sm-mlp32x32-seed1",
            "fig8-sm-mlp32x32-seed2"),
        plan.cells().stream().map(Cell::id).toList());
    assertEquals(Map.of("layers", 2.0), plan.cells().get(2).coordinates());
    assertEquals(List.of(1L, 2L, 1L, 2L), plan.cells().stream().map(Cell::seed).toList());
  }

  @Test
  void splitSeedsReplicateEveryCellOnEachSplitUnderAProtocol() throws Exception {
    String base = BASE.replace("\"splitSeed\": 1, ", "");
    Plan plan =
        load(
            plan(
                "{\"id\": \"ecg\", "
                    + base
                    + ", \"hiddenUnits\": [8], \"epochs\": 1, \"objective\": \"sm\","
                    + " \"protocol\": \"tf-tutorial\", \"seeds\": [1, 2],"
                    + " \"splitSeeds\": [7, 8]}"));
    assertEquals(
        List.of("ecg-split7-seed1", "ecg-split7-seed2", "ecg-split8-seed1", "ecg-split8-seed2"),
        plan.cells().stream().map(Cell::id).toList());
    assertEquals(List.of(7L, 7L, 8L, 8L), plan.cells().stream().map(Cell::splitSeed).toList());
    assertTrue(plan.cells().stream().allMatch(c -> "tf-tutorial".equals(c.protocol())));
    String wrong =
        message(
            plan(
                "{\"id\": \"ecg\", "
                    + BASE
                    + ", \"hiddenUnits\": [8], \"epochs\": 1, \"objective\": \"sm\","
                    + " \"seed\": 1, \"protocol\": \"tf\"}"));
    assertTrue(wrong.contains("unknown ECG protocol 'tf'"), wrong);
  }

  @Test
  void overridesSetFieldsOfSingleExpandedCells() throws Exception {
    Plan plan =
        load(
            plan(
                "{\"id\": \"fig7\", "
                    + BASE
                    + ", \"epochs\": 2, \"seed\": 1, \"objective\": \"sm\",\n"
                    + "\"sweep\": {\"hiddenUnits\": [[64], [2048]]},\n"
                    + "\"overrides\": {\"fig7-mlp2048\": {\"paper\": {\"F1\": 94.81},"
                    + " \"series\": \"SM\"}}}"));
    assertEquals(Map.of(), plan.cells().get(0).paper());
    assertEquals(Map.of("F1", 94.81), plan.cells().get(1).paper());
    assertEquals("SM", plan.cells().get(1).series());
  }

  @Test
  void aCellWithoutASweepKeepsItsDefaults() throws Exception {
    Cell c =
        load(plan(
                "{\"id\": \"one\", "
                    + BASE
                    + ", \"epochs\": 2, \"seed\": 1, \"objective\": \"sm-printed\","
                    + " \"hiddenUnits\": [16, 8]}"))
            .cells()
            .get(0);
    assertEquals("SM-PRINTED-DELVM", c.series());
    assertEquals(Map.of("hidden units", 16.0, "layers", 2.0), c.coordinates());
  }

  @Test
  void aSweepOverAnUnknownFieldIsNamedWithTheSweepableOnesAndItsLine() throws Exception {
    String m =
        message(
            plan(
                "{\"id\": \"fig7\", "
                    + BASE
                    + ", \"epochs\": 2, \"seed\": 1, \"objective\": \"sm\",\n"
                    + "\"sweep\": {\n\"hiddenUnits\": [[64]],\n \"width\": [64]}}"));
    assertTrue(m.contains("cannot sweep over 'width'"), m);
    assertTrue(m.contains("line 6"), m);
    assertTrue(
        m.contains(
            "Sweepable fields: model, objective, activation, hiddenUnits, kernels, objectiveOptions, epochs,"
                + " batchSize, learningRates"),
        m);
  }

  @Test
  void everyExpansionProblemAtOnce() throws Exception {
    String m =
        message(
            plan(
                "{\"id\": \"a\", "
                    + BASE
                    + ", \"epochs\": 2, \"seed\": 1, \"seeds\": [1], \"hiddenUnits\": [8],\n"
                    + "\"sweep\": {\"hiddenUnits\": [[64]], \"objective\": [\"sm\", \"rbm\"]},\n"
                    + "\"overrides\": {\"a-sm-mlp65\": {\"epochs\": 3}, \"a-sm-mlp64\": {\"id\": \"x\"}}}"));
    assertTrue(m.contains("cell 'a': give either seed or seeds, not both"), m);
    assertTrue(m.contains("'hiddenUnits' is both set and swept"), m);
    assertTrue(
        m.contains(
            "override 'a-sm-mlp65' matches no expanded cell; the expanded ids are:"
                + " a-sm-mlp64, a-rbm-mlp64"),
        m);
    assertTrue(m.contains("the override of 'a-sm-mlp64' cannot set id"), m);
    assertTrue(m.contains("cell 'a-rbm-mlp64-seed1': objective 'rbm' is not supported"), m);
  }

  @Test
  void expandedIdsMustBeUnique() throws Exception {
    String m =
        message(
            plan(
                "{\"id\": \"a\", "
                    + BASE
                    + ", \"epochs\": 2, \"seed\": 1, \"objective\": \"sm\","
                    + " \"sweep\": {\"hiddenUnits\": [[8], [8]]}}"));
    assertTrue(m.contains("cell 'a-mlp8': cell ids must be present and unique"), m);
  }

  @Test
  void claimsAreValidatedAgainstTheExpandedCells() throws Exception {
    String cell =
        "{\"id\": \"fig7\", "
            + BASE
            + ", \"epochs\": 2, \"seed\": 1, \"sweep\": {\"hiddenUnits\": [[8], [16]],"
            + " \"objective\": [\"sm\", \"cd\"]}}";
    Plan ok =
        load(
            plan(
                cell,
                "{\"id\": \"c1\", \"text\": \"SM beats CD\", \"kind\": \"dominates\","
                    + " \"experiment\": \"Fig. 7\", \"axis\": \"hidden units\","
                    + " \"better\": \"SM-DELVM\", \"worse\": \"CD-DELVM\"}"));
    assertEquals("F1", ok.claims().get(0).metric());
    String m =
        message(
            plan(
                cell,
                "{\"id\": \"c1\", \"text\": \"t\", \"kind\": \"dominates\", \"experiment\":"
                    + " \"Fig. 9\", \"axis\": \"layers\", \"better\": \"SM-DELVM\"},\n"
                    + "{\"id\": \"c2\", \"text\": \"t\", \"kind\": \"wins\"},\n"
                    + "{\"id\": \"c3\", \"text\": \"t\", \"kind\": \"best\", \"experiment\":"
                    + " \"Fig. 7\", \"axis\": \"layers\", \"series\": \"SM-DELVM\","
                    + " \"expected\": 16}"));
    assertTrue(m.contains("claim 'c1': a 'dominates' claim needs worse"), m);
    assertTrue(m.contains("claim 'c1': no cell's experiment starts with 'Fig. 9'"), m);
    assertTrue(
        m.contains("claim 'c2': kind 'wins' is not supported; valid: dominates, best, value"), m);
    assertTrue(m.contains("claim 'c3': axis 'layers' is not a coordinate"), m);
  }
}
