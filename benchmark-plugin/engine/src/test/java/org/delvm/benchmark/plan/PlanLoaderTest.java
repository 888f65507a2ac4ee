package org.delvm.benchmark.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.models.objectives.Objectives;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {

  private static final String CELL =
      """
      {"id": "c1", "experiment": "Fig. 7", "dataset": "%s", "splitSeed": 1, "model": "%s",
       "hiddenUnits": [%s], "objective": "%s", "epochs": %s, "batchSize": 100,
       "learningRates": [0.001], "seed": 1, "paper": {"F1": 94.81}}
      """;

  private static Path plan(Path dir, String cell) throws Exception {
    return Files.writeString(
        dir.resolve("plan.json"),
        "{\"name\": \"mine\", \"description\": \"d\", \"cells\": [" + cell + "]}");
  }

  @Test
  void shippedPlansAreValid() {
    PlanLoader loader = new PlanLoader();
    for (String name : PlanLoader.SHIPPED) {
      Plan plan = loader.load(name);
      assertEquals(name, plan.name());
      assertTrue(plan.cells().size() >= 1);
    }
  }

  @Test
  void theShippedPlansHoldThePapersEcgExperiments() {
    PlanLoader loader = new PlanLoader();
    Plan def = loader.load("default");
    // ECG: 21 DELVM cells (SM-DELVM 2048 with 5 seeds: +4), SM-DELVM 2048 under the two other
    // protocols (10), the AE baseline's 6 widths and 4 depths, CEBM 2, extras 8 (FCE), the VAE
    // 20; images: Fig. 1 (14), Fig. 2 (6), Fig. 3 (13), Fig. 4 (8), Fig. 5 (4), Fig. 6 (12), Fig. 9
    // (13, CEBM), Table 1 (3).
    assertEquals(148, def.cells().size());
    assertEquals(List.of(5, 5, 5), cellsById(def).get("fig3-sm-f16x16x16").kernels());
    assertEquals(
        "AE",
        def.cells().stream()
            .filter(c -> c.id().equals("fig7-ae-mlp256"))
            .findFirst()
            .get()
            .series());
    Map<String, Cell> cells = new java.util.HashMap<>();
    def.cells().forEach(c -> cells.put(c.id(), c));
    assertEquals(94.81, cells.get("fig7-sm-mlp2048-seed1").paper().get("F1"));
    assertEquals(
        557.0, cells.get("ecg-paper-as-run-sm-mlp2048-seed5").paper().get("true positives"));
    assertEquals(90.34, cells.get("fig7-cd-mlp512").paper().get("F1"));
    assertEquals(96.46, cells.get("fig8-sm-mlp256x256x256x256").paper().get("F1"));
    assertEquals(Map.of("layers", 4.0), cells.get("fig8-cd-mlp512x512x512x512").coordinates());
    assertEquals("sm-printed", cells.get("fig7-sm-printed-mlp2048").objective());
    assertEquals("SM-DEM", cells.get("fig2-dem-cnn-f40").series());
    assertEquals(Map.of("filters", 40.0), cells.get("fig2-delvm-cnn-f40").coordinates());
    assertTrue(cells.get("table1-cae").anomalyDetection());
    assertFalse(cells.get("fig4-sm-f20-k3").anomalyDetection());
    assertTrue(cells.get("fig7-cd-mlp64").experiment().contains("the paper: 100"));
    assertEquals(24, def.claims().size()); // Fig. 3's CEBM claim is two

    Plan paper = loader.load("paper");
    // ECG: 63 DELVM, 30 AE and 12 CEBM cells (x 3 seeds), extras 21 (FCE); Fig. 1 and 4: 8 filters
    // x 4 kernels x {sm, cd}; Fig. 5 the same for DELVM and DEM; Fig. 2: 8 filters x 4 kernels x
    // {DELVM, DEM}; Fig. 3 and 6: 4 depths x 4 models (SM-DELVM, CD-DELVM, SM-DEM, CD-DEM) + CEBM;
    // Fig. 9: 12 + CEBM; Table 1: 3; the VAE's Table 1: 10 runs x 2 objectives.
    assertEquals(93 + 12 + 21 + 64 + 64 + 64 + 64 + 2 * 17 + 13 + 3 + 20, paper.cells().size());
    Map<String, Cell> paperCells = cellsById(paper);
    assertEquals("fce", paperCells.get("extras-fce-seed1").objective());
    assertEquals("fce", cellsById(def).get("extras-fce").objective());
    assertEquals(List.of(9), paperCells.get("fig2-k9-dem-cnn-f20").kernels());
    // Exact SM at one layer, its sliced estimator beyond.
    assertEquals("sm", paperCells.get("fig3-sm-f70").objective());
    assertEquals("ssm", paperCells.get("fig3-sm-f70x70").objective());
    assertEquals("sm", paperCells.get("fig9-sm-f70").objective());
    assertEquals("CD-DEM", paperCells.get("fig6-dem-cd-f20x20").series());
    assertEquals("CEBM", paperCells.get("fig9-cebm").series());
    // The paper's per-layer learning rates on images; ECG keeps 1e-3.
    assertEquals(List.of(1e-3, 1e-4, 1e-5), paperCells.get("fig1-k3-sm-f10").learningRates());
    assertEquals(List.of(1e-3), paperCells.get("fig7-sm-mlp2048-seed1").learningRates());
    assertTrue(paper.claims().stream().anyMatch(c -> c.id().equals("fig4-cd-best-filters")));
    assertEquals(
        List.of("VAE, ELBO (6)", "VAE, Lagrangian (7)"),
        paper.cells().stream()
            .filter(c -> c.model().equals("vae"))
            .map(Cell::series)
            .distinct()
            .toList());
    assertTrue(paper.cells().stream().anyMatch(c -> c.id().equals("fig1-k9-cd-f80")));
    assertTrue(
        paper.cells().stream()
            .anyMatch(c -> c.id().equals("fig8-sm-mlp2048x2048x2048x2048-seed3")));
    assertTrue(
        paper.cells().stream()
            .filter(c -> c.objective().equals("cd") && c.dataset().equals("ecg5000"))
            .allMatch(c -> c.epochs() == 100));
    assertTrue(loader.load("smoke").cells().size() <= 10, "the smoke plan stays tiny");
  }

  @Test
  void readsAPlanFile(@TempDir Path dir) throws Exception {
    Plan plan =
        new PlanLoader()
            .load(
                plan(dir, String.format(CELL, "ecg5000", "delvm-mlp", "16", "sm", "2")).toString());
    assertEquals("mine", plan.name());
    assertEquals(94.81, plan.cells().get(0).paper().get("F1"));
  }

  @Test
  void listsEveryProblemWithTheValidNames(@TempDir Path dir) throws Exception {
    Path file = plan(dir, String.format(CELL, "mnist", "rbm", "0", "score-matching", "-1"));
    PlanException e =
        assertThrows(PlanException.class, () -> new PlanLoader().load(file.toString()));
    String m = e.getMessage();
    assertTrue(m.startsWith(file.toString()), m);
    assertTrue(m.contains("dataset 'mnist' is not supported; valid: ecg5000"), m);
    assertTrue(m.contains("model 'rbm' is not supported; valid: delvm-mlp"), m);
    assertTrue(
        m.contains(
            "objective 'score-matching' is not supported; valid: "
                + String.join(", ", Objectives.names())),
        m);
    assertTrue(Objectives.names().containsAll(List.of("cd", "sm", "sm-printed")));
    assertTrue(m.contains("epochs must lie in [0, 100000], got -1"), m);
    assertTrue(
        m.contains(
            "hiddenUnits must list one width in [1, 65536] per layer, at most 64 layers, got [0]"),
        m);
  }

  @Test
  void unknownFieldIsNamedWithItsLine(@TempDir Path dir) throws Exception {
    Path file =
        plan(
            dir,
            String.format(CELL, "ecg5000", "delvm-mlp", "16", "sm", "2")
                .replace("\"seed\"", "\n\"colour\": 1, \"seed\""));
    PlanException e =
        assertThrows(PlanException.class, () -> new PlanLoader().load(file.toString()));
    assertTrue(e.getMessage().contains("unknown field 'colour' at line 4"), e.getMessage());
  }

  @Test
  void missingFieldIsNamedByItsPath(@TempDir Path dir) throws Exception {
    Path file =
        plan(
            dir,
            String.format(CELL, "ecg5000", "delvm-mlp", "16", "sm", "2")
                .replace("\"seed\": 1,", ""));
    PlanException e =
        assertThrows(PlanException.class, () -> new PlanLoader().load(file.toString()));
    assertTrue(e.getMessage().contains("cell 'c1': seed (give"), e.getMessage());
  }

  @Test
  void badActivationAndObjectiveOptionsAreNamed(@TempDir Path dir) throws Exception {
    String cell =
        String.format(CELL, "ecg5000", "delvm-mlp", "16, 8", "cd", "2")
            .replace(
                "\"seed\": 1,",
                "\"seed\": 1, \"activation\": \"swish\", \"objectiveOptions\": {\"k\": 0.5},");
    PlanException e =
        assertThrows(PlanException.class, () -> new PlanLoader().load(plan(dir, cell).toString()));
    String m = e.getMessage();
    assertTrue(
        m.contains("activation 'swish' is not supported; valid: relu, softplus, tanh, sigmoid"), m);
    assertTrue(m.contains("option 'k' must be an integer, got 0.5"), m);
  }

  @Test
  void cnnCellsNameTheirFiltersAndKernelsAndNeedImages(@TempDir Path dir) throws Exception {
    Plan images = new PlanLoader().load("fashion-mnist");
    Cell first = images.cells().get(0);
    assertEquals("fig1-filters-sm-f20", first.id());
    assertEquals(java.util.Map.of("filters", 20.0), first.coordinates());
    assertEquals("fig1-kernels-cd-k7", images.cells().get(7).id());
    assertEquals(java.util.Map.of("kernel size", 7.0), images.cells().get(7).coordinates());

    String cell =
        String.format(CELL, "ecg5000", "delvm-cnn", "16", "sm", "1")
            .replace("\"seed\": 1,", "\"seed\": 1, \"kernels\": [3, 3],");
    PlanException e =
        assertThrows(PlanException.class, () -> new PlanLoader().load(plan(dir, cell).toString()));
    String m = e.getMessage();
    assertTrue(m.contains("model delvm-cnn does not fit dataset ecg5000"), m);
    assertTrue(m.contains("one positive kernel size per layer"), m);
    assertTrue(m.contains("a delvm-cnn cell needs images"), m);
  }

  @Test
  void unknownPlanNameSaysWhatExists() {
    PlanException e = assertThrows(PlanException.class, () -> new PlanLoader().load("defualt"));
    assertTrue(e.getMessage().contains("smoke, default"), e.getMessage());
  }

  @Test
  void seedsGivenByTheUserReplaceEveryCellsOwn() {
    Plan smoke = new PlanLoader().load("smoke"); // 5 cells, seeds 1 and 2
    Plan reseeded = new PlanLoader().load("smoke", List.of(5L, 6L, 7L));

    assertEquals(smoke.cells().size() / 2 * 3, reseeded.cells().size());
    assertTrue(
        reseeded.cells().stream()
            .allMatch(
                c ->
                    (c.id().endsWith("-seed5") && c.seed() == 5)
                        || (c.id().endsWith("-seed6") && c.seed() == 6)
                        || (c.id().endsWith("-seed7") && c.seed() == 7)),
        reseeded.cells().toString());
  }

  private static Map<String, Cell> cellsById(Plan plan) {
    Map<String, Cell> cells = new java.util.HashMap<>();
    plan.cells().forEach(c -> cells.put(c.id(), c));
    return cells;
  }

  @Test
  void vaeCellsTakeTheGeneratedCosineAndTheirOwnObjectivesAndOptions(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("vae.json"),
            """
            {"name": "v", "description": "d", "cells": [
             {"id": "ok", "experiment": "VAE", "dataset": "cosine-3d", "splitSeed": 0,
              "model": "vae", "hiddenUnits": [32], "objective": "lagrangian", "epochs": 1,
              "batchSize": 100, "learningRates": [0.001], "seed": 1},
             {"id": "wrong-data", "experiment": "VAE", "dataset": "ecg5000", "splitSeed": 0,
              "model": "vae", "hiddenUnits": [32], "objective": "elbo", "epochs": 1,
              "batchSize": 100, "learningRates": [0.001], "seed": 1},
             {"id": "wrong-objective", "experiment": "VAE", "dataset": "cosine-3d", "splitSeed": 0,
              "model": "vae", "hiddenUnits": [32], "objective": "sm", "epochs": 1,
              "batchSize": 100, "learningRates": [0.001], "seed": 1},
             {"id": "wrong-option", "experiment": "VAE", "dataset": "cosine-3d", "splitSeed": 0,
              "model": "vae", "hiddenUnits": [32], "objective": "lagrangian",
              "objectiveOptions": {"alphaRule": "sideways"}, "epochs": 1,
              "batchSize": 100, "learningRates": [0.001], "seed": 1}]}
            """);

    String m =
        assertThrows(PlanException.class, () -> new PlanLoader().load(file.toString()))
            .getMessage();

    assertFalse(m.contains("cell 'ok'"), m);
    assertTrue(m.contains("cell 'wrong-data': model vae does not fit dataset ecg5000"), m);
    assertTrue(
        m.contains(
            "cell 'wrong-objective': objective 'sm' is not supported; valid: elbo, lagrangian"),
        m);
    assertTrue(m.contains("cell 'wrong-option': alphaRule must be 'reflected'"), m);
  }

  @Test
  void aVaeCellWithoutAFirstLearningRateIsNamedWithItsOtherProblems(@TempDir Path dir)
      throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("vae.json"),
            """
            {"name": "v", "description": "d", "cells": [
             {"id": "null-rate", "experiment": "VAE", "dataset": "cosine-3d", "splitSeed": 0,
              "model": "vae", "hiddenUnits": [32], "objective": "lagrangian",
              "objectiveOptions": {"alphaRule": "sideways"}, "epochs": 1, "batchSize": 100,
              "learningRates": [null], "seed": 1},
             {"id": "no-rates", "experiment": "VAE", "dataset": "cosine-3d", "splitSeed": 0,
              "model": "vae", "hiddenUnits": [32], "objective": "elbo", "epochs": 1,
              "batchSize": 100, "learningRates": [], "seed": 1}]}
            """);

    String m =
        assertThrows(PlanException.class, () -> new PlanLoader().load(file.toString()))
            .getMessage();

    assertTrue(m.contains("cell 'null-rate': alphaRule must be 'reflected'"), m);
    assertTrue(m.contains("cell 'null-rate': learningRates must be positive"), m);
    assertTrue(m.contains("cell 'no-rates': learningRates must be positive"), m);
  }
}
