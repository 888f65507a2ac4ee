package org.delvm.benchmark.reproduction;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.delvm.benchmark.datasets.DatasetCatalogue;
import org.delvm.benchmark.datasets.DatasetDescriptor;
import org.delvm.benchmark.datasets.DatasetException;
import org.delvm.benchmark.datasets.DatasetFetcher;
import org.delvm.benchmark.datasets.EcgAnomalySplit;
import org.delvm.benchmark.datasets.EcgSplit;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.datasets.UcrTimeSeriesReader;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.DatasetRecord;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.report.Reproduction;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a plan: fetches its datasets, runs every cell, writes the report. A cell that fails or
 * diverges is recorded and the plan goes on; only problems that affect every cell (data that cannot
 * be had, an unwritable report directory) stop the run.
 */
public final class Reproducer {

  /** The paper's ECG protocol as {@link EcgAnomalySplit} implements it, for the report. */
  private static final String ECG_RULE =
      "pool UCR TRAIN then TEST rows (5000 beats); class 1 = normal, classes 2-5 = anomaly"
          + " (positive class); shuffle with java.util.Random(seed); first 1000 = test; the first"
          + " 1639 normal beats of the rest = training; min-max scaling with the global min and max"
          + " of the 4000 non-test beats";

  private final FetchSettings fetchSettings;
  private final Consumer<String> log;

  public Reproducer(FetchSettings fetchSettings, Consumer<String> log) {
    this.fetchSettings = fetchSettings;
    this.log = log;
  }

  /** Runs the plan and writes index.html and metrics.json into {@code reportDirectory}. */
  public Reproduction run(Plan plan, Path reportDirectory) {
    Instant start = Instant.now();
    log.accept("plan " + plan.name() + ": " + plan.cells().size() + " cell(s)");
    DatasetFetcher fetcher = new DatasetFetcher(fetchSettings);
    Map<String, FetchedDataset> fetched = new LinkedHashMap<>();
    Map<String, EcgSplit> splits = new LinkedHashMap<>();
    List<CellResult> results = new ArrayList<>();
    AnomalyCellRunner runner = new AnomalyCellRunner(log);
    for (Cell cell : plan.cells()) {
      FetchedDataset data = fetched.computeIfAbsent(cell.dataset(), fetcher::fetch);
      EcgSplit split =
          splits.computeIfAbsent(
              cell.dataset() + "@" + cell.splitSeed(), key -> ecgSplit(data, cell.splitSeed()));
      results.add(runCell(runner, cell, split));
    }
    Reproduction reproduction =
        new Reproduction(
            plan.name(),
            plan.description(),
            start.truncatedTo(ChronoUnit.SECONDS).toString(),
            (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0,
            environment(),
            datasetRecords(fetched, splits),
            results);
    Path html = new ReportWriter().write(reproduction, reportDirectory);
    log.accept("report: " + html.toAbsolutePath());
    return reproduction;
  }

  private CellResult runCell(AnomalyCellRunner runner, Cell cell, EcgSplit split) {
    try {
      return runner.run(
          cell, AnomalyCellRunner.AnomalyData.of(split.train(), split.test(), split.testLabels()));
    } catch (RuntimeException e) {
      log.accept("cell " + cell.id() + ": FAILED: " + e);
      return new CellResult(
          cell.id(),
          cell.experiment(),
          cell.dataset(),
          cell.model(),
          cell.objective(),
          Map.of(),
          cell.seed(),
          "failed",
          e.toString(),
          0,
          0,
          List.of(),
          List.of());
    }
  }

  private static EcgSplit ecgSplit(FetchedDataset data, long seed) {
    try {
      return EcgAnomalySplit.paper(seed)
          .apply(
              UcrTimeSeriesReader.read(data.path("ECG5000_TRAIN.txt")),
              UcrTimeSeriesReader.read(data.path("ECG5000_TEST.txt")));
    } catch (IOException e) {
      throw new DatasetException("Cannot read ECG5000 from " + data.directory() + ": " + e, e);
    }
  }

  private static List<DatasetRecord> datasetRecords(
      Map<String, FetchedDataset> fetched, Map<String, EcgSplit> splits) {
    DatasetCatalogue catalogue = DatasetCatalogue.standard();
    List<DatasetRecord> records = new ArrayList<>();
    for (FetchedDataset data : fetched.values()) {
      DatasetDescriptor descriptor = catalogue.get(data.id());
      Map<String, String> protocol = new LinkedHashMap<>();
      if (data.id().equals("ecg5000")) {
        protocol.put("rule", ECG_RULE);
      }
      splits.forEach(
          (key, split) -> {
            if (key.startsWith(data.id() + "@")) {
              String seed = key.substring(key.indexOf('@') + 1);
              protocol.put("split (seed " + seed + ")", split.summary());
            }
          });
      records.add(
          new DatasetRecord(
              data.id(),
              descriptor.title(),
              descriptor.lossy(),
              descriptor.note(),
              data.files().stream()
                  .map(
                      f -> new DatasetRecord.FileRecord(f.name(), f.size(), f.sha256(), f.source()))
                  .toList(),
              protocol));
    }
    return records;
  }

  /** Facts needed to read timings: JVM, OS, cores and the ND4J backend. */
  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    env.put("available processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    Properties nd4j = Nd4j.getExecutioner().getEnvironmentInformation();
    for (String key : List.of("backend", "blas.vendor", "omp.threads", "cores")) {
      if (nd4j.get(key) != null) {
        env.put("nd4j " + key, String.valueOf(nd4j.get(key)));
      }
    }
    return env;
  }
}
