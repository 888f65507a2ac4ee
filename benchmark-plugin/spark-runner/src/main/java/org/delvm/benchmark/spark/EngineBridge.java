package org.delvm.benchmark.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.delvm.benchmark.cost.CostModel;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.run.CellOutcome;
import org.delvm.benchmark.run.Compute;
import org.delvm.benchmark.run.ComputeThreads;
import org.delvm.benchmark.run.Reproducer;
import org.delvm.benchmark.run.RunLog;
import org.delvm.benchmark.store.ResultStore;
import org.delvm.benchmark.store.StoredResult;

/**
 * Every call of the Spark runner into the engine (plans, cell runners, result store, cost model,
 * compute threads), in one place: the rest of this module deals in {@link PlanCells}, {@link
 * CellSpec}, {@link CellReport} and the engine's {@link Compute} settings only.
 */
final class EngineBridge {

  /** Cells travel to executors as JSON: plan cells are records, not {@code Serializable}. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private EngineBridge() {}

  /** A shipped plan by name, or a plan file, with the seeds that replace the cells' own. */
  static PlanCells load(String nameOrPath, List<Long> seeds) {
    return cellsOf(new PlanLoader().load(nameOrPath, seeds));
  }

  /** The plan's cells with their definitions as JSON and the cost model's seconds. */
  static PlanCells cellsOf(Plan plan) {
    List<CellSpec> cells = new ArrayList<>();
    for (Cell cell : plan.cells()) {
      cells.add(new CellSpec(cell.id(), toJson(cell), CostModel.planned(cell)));
    }
    return new PlanCells(plan.name(), plan.description(), cells);
  }

  /**
   * The name of the plan's folder under a results directory ({@code <results>/<this>/<cell>.json}),
   * as the result store names it; {@code scratch} is a folder it may create.
   */
  static String planFolder(String planName, Path scratch) {
    return ResultStore.open(scratch, planName, line -> {}).directory().getFileName().toString();
  }

  /** Where the result store keeps the cell's result, relative to the results directory. */
  static String resultFile(String planName, String cellId, Path scratch) {
    ResultStore store = ResultStore.open(scratch, planName, line -> {});
    return scratch.relativize(store.file(cellId)).toString().replace('\\', '/');
  }

  /**
   * The cells whose result stored under {@code localResults} is valid for this plan (definition,
   * data and model code unchanged, not failed), as reports: what a resumed run does not submit
   * again. Checked by the engine's own rules (integrity hash, fingerprint), fetching the plan's
   * datasets as a run does, for their checksums.
   */
  static List<CellReport> validStored(
      PlanCells cells, FetchSpec fetch, Path localResults, Log log) {
    List<CellOutcome> outcomes =
        Reproducer.fromStoredResults(fetch.settings(log.info()), localResults, runLog(log))
            .runCells(plan(cells));
    List<CellReport> valid = new ArrayList<>();
    for (CellOutcome outcome : outcomes) {
      CellStatus status = outcome.result().status();
      if (outcome.reused() && status != CellStatus.NOT_RUN && status != CellStatus.FAILED) {
        valid.add(
            new CellReport(
                outcome.result().id(),
                status.label(),
                outcome.result().message(),
                outcome.mainMetric(),
                outcome.stored().seconds(),
                resultFile(cells.name(), outcome.result().id(), localResults)));
      }
    }
    return valid;
  }

  /**
   * Runs one cell as the in-process runner does (fetch, split, train, evaluate, store), into a
   * results directory of its own, on the calling thread, with {@code compute}'s threads and time
   * limit (its workers are not used: one task is one cell).
   */
  static CellReport runCell(
      String planName,
      String planDescription,
      String cellJson,
      FetchSpec fetch,
      Path localResults,
      Compute compute,
      Log log) {
    Cell cell = fromJson(cellJson);
    log.info().accept(ComputeThreads.apply(compute.threads()));
    Plan one = new Plan(planName, planDescription, List.of(cell));
    Reproducer reproducer =
        new Reproducer(
                fetch.settings(log.info()),
                localResults,
                true,
                fetch.requireAllDatasets(),
                runLog(log))
            .computing(compute);
    CellOutcome outcome = reproducer.runCells(one).get(0);
    String file = resultFile(planName, cell.id(), localResults);
    boolean stored = outcome.result().status() != CellStatus.SKIPPED;
    return new CellReport(
        cell.id(),
        outcome.result().status().label(),
        outcome.result().message(),
        outcome.mainMetric(),
        outcome.stored().seconds(),
        stored ? file : null);
  }

  /**
   * Stores a failed-cell record for a cell whose task could not produce one (its executor was lost
   * on every attempt, or the engine threw outside the cell), so that the report shows the cell as
   * failed with the reason and the next run computes it again.
   */
  static CellReport storeFailure(
      String planName, String cellJson, String reason, Path localResults, Log log) {
    Cell cell = fromJson(cellJson);
    ResultStore store = ResultStore.open(localResults, planName, runLog(log));
    StoredResult result = Reproducer.placeholder(cell, CellStatus.FAILED, reason);
    try {
      store.write(cell.id(), result);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the failed-cell record of " + cell.id() + " into " + store.directory(), e);
    }
    return new CellReport(
        cell.id(),
        CellStatus.FAILED.label(),
        reason,
        "-",
        0,
        resultFile(planName, cell.id(), localResults));
  }

  private static RunLog runLog(Log log) {
    return new RunLog(log.info(), log.warning());
  }

  /** The engine's plan of the cells (without claims: only the report evaluates those). */
  private static Plan plan(PlanCells cells) {
    List<Cell> list = new ArrayList<>();
    for (CellSpec spec : cells.cells()) {
      list.add(fromJson(spec.json()));
    }
    return new Plan(cells.name(), cells.description(), list);
  }

  static String toJson(Cell cell) {
    try {
      return JSON.writeValueAsString(cell);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A plan cell cannot be written as JSON: " + cell, e);
    }
  }

  static Cell fromJson(String json) {
    try {
      return JSON.readValue(json, Cell.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A plan cell cannot be read from JSON: " + json, e);
    }
  }

  /** The dataset settings executors rebuild: {@link FetchSettings} is not serializable. */
  record FetchSpec(String cache, List<String> mirrors, boolean offline, boolean requireAllDatasets)
      implements java.io.Serializable {

    FetchSpec {
      mirrors = List.copyOf(mirrors);
    }

    /** The default cache of the machine that runs the cell when {@code cache} is null. */
    FetchSettings settings(java.util.function.Consumer<String> log) {
      FetchSettings.Builder builder =
          FetchSettings.builder()
              .cacheDirectory(
                  cache != null
                      ? Path.of(cache)
                      : Path.of(
                          System.getProperty("user.home"), ".cache", "delvm-benchmark", "datasets"))
              .offline(offline)
              .log(log);
      mirrors.forEach(builder::addMirror);
      return builder.build();
    }
  }
}
