package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Claim;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.ReplicateGroup;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.report.stats.Estimate;
import org.delvm.benchmark.report.stats.SampleMetric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole path on the bundled ECG5000, offline, with a tiny model. */
class ReproducerTest {

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  private PlanOutcome run(Plan plan, boolean fresh) {
    log.clear();
    return new Reproducer(
            TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), fresh, log::add)
        .run(plan, dir.resolve("report"));
  }

  private static Plan plan(Cell... cells) {
    return new Plan("tiny", "test plan", List.of(cells));
  }

  private boolean logged(String text) {
    return log.stream().anyMatch(l -> l.contains(text));
  }

  @Test
  void runsEveryCellAndWritesTheReport() throws Exception {
    Plan plan =
        plan(
            TinyPlans.cell("sm", "sm", 1e-3, 16, 1),
            TinyPlans.cell("exploding", "sm-printed", 1e9, 16, 1));

    PlanOutcome outcome = run(plan, false);

    Reproduction r = outcome.reproduction();
    CellResult sm = r.cells().get(0);
    assertEquals(CellStatus.COMPLETED, sm.status());
    MetricResult f1 = sm.metrics().stream().filter(m -> m.name().equals("F1")).findFirst().get();
    assertTrue(f1.value() > 0 && f1.value() <= 100, "F1 " + f1.value());
    assertEquals(94.81, f1.paper());
    CellResult exploding = r.cells().get(1);
    assertEquals(CellStatus.DIVERGED, exploding.status(), exploding.message());
    assertTrue(exploding.metrics().isEmpty());
    assertEquals("bundled", r.datasets().get(0).files().get(0).source());
    assertTrue(
        r.datasets().get(0).protocol().get("split (seed 7)").contains("train 1639 normal"),
        r.datasets().get(0).protocol().toString());
    assertTrue(Files.size(dir.resolve("report/index.html")) > 0);
    assertTrue(Files.readString(dir.resolve("report/metrics.json")).contains("\"tiny\""));
    assertTrue(logged("[1/2] cell sm"), log.toString());
    assertTrue(logged("[2/2] cell exploding"), log.toString());
    assertTrue(logged("cell sm: epoch 1/1"), log.toString());
    List<String> summary = outcome.summary();
    assertTrue(
        summary.get(1).matches("sm\\s+completed\\s+F1 \\d+\\.\\d\\d\\s+\\d+\\.\\d\\s+new"),
        summary.get(1));
    assertTrue(summary.get(2).matches("exploding\\s+diverged\\s+-\\s.*"), summary.get(2));
  }

  @Test
  void theDefaultPlansFlowContrastiveCellTrainsADelvmAndIsScored() {
    Cell fce =
        new org.delvm.benchmark.plan.PlanLoader()
            .load("default").cells().stream()
                .filter(c -> c.id().equals("extras-fce"))
                .findFirst()
                .orElseThrow();

    CellResult r = run(plan(fce), false).reproduction().cells().get(0);

    assertEquals(CellStatus.COMPLETED, r.status(), r.message());
    List<String> metrics = r.metrics().stream().map(MetricResult::name).toList();
    for (String name : List.of("precision", "recall", "F1", "AUROC")) {
      assertTrue(metrics.contains(name), metrics.toString());
    }
    System.out.println("extras-fce: " + r.metrics() + "; " + log);
  }

  @Test
  void addsTheBaselinesTheSeedAggregatesAndTheClaimVerdicts() {
    Cell seed1 = TinyPlans.cell("sm-seed1");
    Cell seed2 = TinyPlans.replicate("sm-seed2", 4);
    Plan plan =
        new Plan(
            "tiny",
            "test plan",
            List.of(seed1, seed2),
            List.of(
                new Claim(
                    "beats-cd",
                    "SM beats CD",
                    "dominates",
                    "Fig. 7",
                    null,
                    "hidden units",
                    null,
                    "SM-DELVM",
                    "CD-DELVM",
                    null,
                    null,
                    null,
                    "CD is not in this plan"),
                new Claim(
                    "f1",
                    "SM reaches 94.81",
                    "value",
                    "Fig. 7",
                    null,
                    "hidden units",
                    "SM-DELVM",
                    null,
                    null,
                    8.0,
                    94.81,
                    100.0,
                    null)));

    Reproduction r = run(plan, false).reproduction();

    assertEquals(
        List.of(
            "sm-seed1",
            "sm-seed2",
            "ecg5000-s7-baseline-flag-all",
            "ecg5000-s7-baseline-mean-distance",
            "ecg5000-s7-baseline-one-class-svm"),
        r.cells().stream().map(CellResult::id).toList());
    CellResult sm = r.cells().get(0);
    assertTrue(
        sm.settings().get("positive class").startsWith("anomaly (label 1"),
        sm.settings().toString());
    double auroc = value(sm, "AUROC");
    assertTrue(auroc >= 0 && auroc <= 100, "AUROC " + auroc); // a tiny model: any value
    assertTrue(value(sm, "AUPRC") > 0);
    double mean = (value(r.cells().get(0), "F1") + value(r.cells().get(1), "F1")) / 2;
    ReplicateGroup group = r.replicates().get(0);
    assertEquals("sm", group.id(), "the seeds' cells are one replicate group");
    assertEquals(List.of("sm-seed1", "sm-seed2"), group.cellIds());
    var f1 = group.metric("F1").orElseThrow().estimate();
    assertEquals(mean, f1.mean(), 1e-9);
    assertEquals(2, f1.n());
    assertEquals(Estimate.Method.T_INTERVAL, f1.method());
    assertEquals(4, r.replicates().size(), "the group and the three baselines");
    for (CellResult c : r.cells()) {
      if (c.predictions().isEmpty()) {
        continue;
      }
      for (String metric : List.of("precision", "recall", "F1")) {
        assertEquals(
            value(c, metric),
            SampleMetric.named(metric).orElseThrow().on(c.predictions()),
            1e-9,
            c.id() + ": the predictions give the cell's own " + metric);
      }
    }
    assertEquals(1000, sm.predictions().size());

    CellResult all = r.cells().get(2);
    double anomalies = value(all, "true positives");
    assertEquals(100.0, value(all, "recall"));
    assertEquals(100 * anomalies / 1000, value(all, "precision"), 1e-9);
    assertEquals(50.0, value(all, "AUROC"), 1e-9);
    CellResult distance = r.cells().get(3);
    assertTrue(
        value(distance, "F1") > 0 && value(distance, "AUROC") > 50, distance.metrics().toString());
    CellResult svm = r.cells().get(4);
    assertTrue(value(svm, "F1") > 50 && value(svm, "AUROC") > 80, svm.metrics().toString());

    assertEquals(ClaimResult.Verdict.NOT_TESTABLE, r.claims().get(0).verdict());
    assertEquals(
        ReplicateGroup.Status.DEGENERATE,
        r.replicates().get(1).status(),
        "flag-all is no evidence");
    assertTrue(
        r.claims().get(0).reason().endsWith("CD is not in this plan"), r.claims().get(0).reason());
    // Two seeds of a tiny model: the interval spans most of [0, 100], inside the claim's 100.
    assertEquals(
        ClaimResult.Verdict.SUPPORTED, r.claims().get(1).verdict(), r.claims().get(1).reason());
    assertTrue(r.claims().get(1).reason().contains("t-interval over replicates"));
    assertTrue(logged("claim beats-cd: NOT TESTABLE"), log.toString());
    assertTrue(logged("ecg5000-s7-baseline-flag-all: precision"), log.toString());
    assertTrue(logged("plan tiny: estimated"), log.toString());
  }

  private static double value(CellResult cell, String metric) {
    return cell.metrics().stream()
        .filter(m -> m.name().equals(metric))
        .mapToDouble(MetricResult::value)
        .findFirst()
        .orElseThrow(() -> new AssertionError(cell.id() + " has no " + metric));
  }

  @Test
  void aSecondRunReusesEveryCellWithIdenticalMetrics() {
    Plan plan = plan(TinyPlans.cell("a"), TinyPlans.cell("b", "sm-printed", 1e-3, 8, 1));
    PlanOutcome first = run(plan, false);

    PlanOutcome second = run(plan, false);

    assertTrue(second.cells().stream().allMatch(CellOutcome::reused), log.toString());
    assertTrue(logged("[1/2] cell a: reusing the result of "), log.toString());
    assertTrue(logged("[2/2] cell b: reusing the result of "), log.toString());
    assertFalse(logged(": epoch "), log.toString());
    assertEquals(first.reproduction().cells(), second.reproduction().cells());
    assertTrue(Files.exists(dir.resolve("report/index.html")));
  }

  @Test
  void theReportOnlyModeTrainsNothingAndMarksMissingCellsNotRun() throws Exception {
    run(plan(TinyPlans.cell("a")), false);
    log.clear();

    PlanOutcome report =
        Reproducer.fromStoredResults(
                TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), log::add)
            .run(plan(TinyPlans.cell("a"), TinyPlans.cell("b")), dir.resolve("report"));

    assertFalse(logged(": epoch "), log.toString());
    assertEquals(CellStatus.COMPLETED, report.reproduction().cells().get(0).status());
    assertEquals(CellStatus.NOT_RUN, report.reproduction().cells().get(1).status());
    assertTrue(logged("cell b: no valid stored result"), log.toString());
    assertFalse(Files.exists(dir.resolve("results/tiny/b.json")), "nothing is stored for b");
    assertTrue(Files.readString(dir.resolve("report/index.html")).contains("not run"));
  }

  @Test
  void aChangedCellRunsAgainAndOnlyIt() {
    run(plan(TinyPlans.cell("a"), TinyPlans.cell("b")), false);

    PlanOutcome second =
        run(plan(TinyPlans.cell("a"), TinyPlans.cell("b", "sm", 2e-3, 8, 1)), false);

    assertTrue(second.cells().get(0).reused());
    assertFalse(second.cells().get(1).reused());
    assertTrue(logged("[2/2] cell b: its definition changed since the result of "), log.toString());
    assertFalse(logged("cell a: epoch"), log.toString());
    assertTrue(logged("cell b: epoch 1/1"), log.toString());
    assertTrue(
        run(plan(TinyPlans.cell("a"), TinyPlans.cell("b", "sm", 2e-3, 8, 1)), false)
            .cells()
            .stream()
            .allMatch(CellOutcome::reused),
        "the rerun result is stored in turn");
  }

  @Test
  void freshIgnoresStoredResults() {
    Plan plan = plan(TinyPlans.cell("a"));
    run(plan, false);

    PlanOutcome again = run(plan, true);

    assertFalse(again.cells().get(0).reused());
    assertTrue(logged("delvm.fresh"), log.toString());
    assertTrue(logged("cell a: epoch 1/1"), log.toString());
  }

  @Test
  void aGarbageResultFileIsReportedDeletedAndTheCellRerun() throws Exception {
    Plan plan = plan(TinyPlans.cell("a"), TinyPlans.cell("b"));
    run(plan, false);
    Path stored = dir.resolve("results/tiny/a.json");
    Files.writeString(stored, Files.readString(stored).substring(0, 100));

    PlanOutcome second = run(plan, false);

    assertFalse(second.cells().get(0).reused());
    assertTrue(second.cells().get(1).reused());
    assertEquals(
        1, log.stream().filter(l -> l.contains("a.json is unreadable")).count(), log.toString());
    assertEquals(CellStatus.COMPLETED, second.cells().get(0).result().status());
    assertTrue(run(plan, false).cells().get(0).reused(), "the rerun replaced the damaged file");
  }

  @Test
  void aCellThatThrowsIsRecordedAsFailedTheOthersRunAndItRunsAgainNextTime() {
    Plan plan =
        plan(TinyPlans.cell("broken", "no-such-objective", 1e-3, 8, 1), TinyPlans.cell("ok"));

    PlanOutcome first = run(plan, false);

    assertEquals(CellStatus.FAILED, first.cells().get(0).result().status());
    assertTrue(first.cells().get(0).result().message().contains("no-such-objective"));
    assertEquals(CellStatus.COMPLETED, first.cells().get(1).result().status());
    assertEquals(1, first.failed());

    PlanOutcome second = run(plan, false);
    assertFalse(second.cells().get(0).reused());
    assertTrue(logged("[1/2] cell broken: it failed on "), log.toString());
    assertTrue(second.cells().get(1).reused());
  }

  @Test
  void theReportOnlyModeShowsAStoredFailureAsFailedWithItsReason() throws Exception {
    Plan plan =
        plan(TinyPlans.cell("broken", "no-such-objective", 1e-3, 8, 1), TinyPlans.cell("ok"));
    run(plan, false);
    log.clear();

    PlanOutcome report =
        Reproducer.fromStoredResults(
                TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), log::add)
            .run(plan, dir.resolve("report"));

    CellResult broken = report.reproduction().cells().get(0);
    assertEquals(CellStatus.FAILED, broken.status());
    assertTrue(broken.message().contains("no-such-objective"), broken.message());
    assertEquals(1, report.failed());
    assertTrue(logged("cell broken: failed on "), log.toString());
    assertEquals(CellStatus.COMPLETED, report.reproduction().cells().get(1).status());
  }

  /** A Fashion-MNIST cell: offline with an empty cache and no mirror, its data cannot be had. */
  private static Cell imageCell(String id) {
    return TestCell.image(id, "fashion-mnist", new Cell.ImageSubset(100, 100, 1))
        .experiment("Fig. 1 (tiny)")
        .splitSeed(7)
        .build();
  }

  @Test
  void aDatasetThatCannotBeHadSkipsItsCellsAndTheOthersRun() throws Exception {
    Plan plan = plan(imageCell("img"), TinyPlans.cell("ecg"));

    PlanOutcome outcome = run(plan, false);

    CellResult img = outcome.reproduction().cells().get(0);
    assertEquals(CellStatus.SKIPPED, img.status());
    assertTrue(img.message().contains("dataset fashion-mnist cannot be had"), img.message());
    assertTrue(img.message().contains("-Ddelvm.mirror"), img.message());
    assertEquals(CellStatus.COMPLETED, outcome.reproduction().cells().get(1).status());
    assertTrue(
        logged("WARNING: dataset fashion-mnist cannot be had, so its 1 cell(s) are skipped"));
    assertFalse(Files.exists(dir.resolve("results/tiny/img.json")), "a skip is not a result");
    assertEquals(0, outcome.failed());
    assertTrue(
        outcome.reproduction().datasets().stream()
            .anyMatch(
                d -> d.id().equals("fashion-mnist") && d.protocol().containsKey("unavailable")),
        outcome.reproduction().datasets().toString());
    assertTrue(Files.readString(dir.resolve("report/index.html")).contains("skipped"));
  }

  @Test
  void requireAllDatasetsFailsBeforeAnyTraining() {
    Plan plan = plan(TinyPlans.cell("ecg"), imageCell("img"));
    Reproducer strict =
        new Reproducer(
            TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), false, true, log::add);

    org.delvm.benchmark.datasets.DatasetException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.delvm.benchmark.datasets.DatasetException.class,
            () -> strict.run(plan, dir.resolve("report")));

    assertTrue(e.getMessage().contains("fashion-mnist"), e.getMessage());
    assertFalse(logged(": epoch "), log.toString());
  }

  @Test
  void runCellsStoresResultsAndWritesNoReport() {
    Reproducer reproducer =
        new Reproducer(
            TinyPlans.offline(dir.resolve("cache")), dir.resolve("results"), false, log::add);

    List<CellOutcome> cells = reproducer.runCells(plan(TinyPlans.cell("a")));

    assertEquals(CellStatus.COMPLETED, cells.get(0).result().status());
    assertTrue(Files.exists(dir.resolve("results/tiny/a.json")));
    assertFalse(Files.exists(dir.resolve("report")));
  }

  @Test
  void aCellTooLargeForTheMemoryIsAFailedRecordAndThePlanGoesOn() {
    // 65536 x 65536 x 3 layers: 8.6e9 weights, over 100 GiB with Adam's state.
    Cell huge = TestCell.ecg("huge").hiddenUnits(List.of(65536, 65536, 65536)).build();
    Plan plan = plan(huge, TinyPlans.cell("ok"));

    PlanOutcome outcome = run(plan, false);

    CellResult failed = outcome.reproduction().cells().get(0);
    assertEquals(CellStatus.FAILED, failed.status());
    assertTrue(failed.message().contains("needs at least"), failed.message());
    assertTrue(failed.message().contains("GiB of off-heap memory is free"), failed.message());
    assertEquals(CellStatus.COMPLETED, outcome.reproduction().cells().get(1).status());
    assertTrue(logged("WARNING: cell huge: not run: the network"), log.toString());
  }

  @Test
  void skippedCellsAndRejectedResultsAreWarningsOnTheWarningChannel() throws Exception {
    List<String> info = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Plan plan = plan(imageCell("img"), TinyPlans.cell("ecg"));
    Files.createDirectories(dir.resolve("results/tiny"));
    Files.writeString(dir.resolve("results/tiny/ecg.json"), "{\"result\": null}");

    new Reproducer(
            TinyPlans.offline(dir.resolve("cache")),
            dir.resolve("results"),
            false,
            false,
            new RunLog(info::add, warnings::add))
        .run(plan, dir.resolve("report"));

    assertTrue(
        warnings.stream().anyMatch(w -> w.startsWith("dataset fashion-mnist cannot be had")),
        warnings.toString());
    assertTrue(
        warnings.stream().anyMatch(w -> w.startsWith("cell ecg: the stored result")),
        warnings.toString());
    assertTrue(info.stream().noneMatch(l -> l.contains("cannot be had, so")), info.toString());
  }

  @Test
  void anUnusableCacheIsAnErrorBeforeAnyTrainingEvenWhenDatasetsMayBeMissing() throws Exception {
    Path regularFile = Files.writeString(dir.resolve("a-file"), "x");
    Reproducer reproducer =
        new Reproducer(
            TinyPlans.offline(regularFile.resolve("cache")),
            dir.resolve("results"),
            false,
            log::add);

    org.delvm.benchmark.datasets.DatasetSetupException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.delvm.benchmark.datasets.DatasetSetupException.class,
            () -> reproducer.run(plan(TinyPlans.cell("ecg")), dir.resolve("report")));

    assertTrue(e.getMessage().contains(regularFile.resolve("cache").toString()), e.getMessage());
    assertFalse(logged(": epoch "), log.toString());
  }
}
