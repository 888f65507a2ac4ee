package org.delvm.benchmark.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.delvm.benchmark.cost.CostModel;
import org.delvm.benchmark.cost.MemoryEstimate;
import org.delvm.benchmark.datasets.Cifar10AnomalySplit;
import org.delvm.benchmark.datasets.DatasetCatalogue;
import org.delvm.benchmark.datasets.DatasetDescriptor;
import org.delvm.benchmark.datasets.DatasetException;
import org.delvm.benchmark.datasets.EcgProtocol;
import org.delvm.benchmark.datasets.EcgSplit;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.datasets.UcrTimeSeriesReader;
import org.delvm.benchmark.evaluate.Baselines;
import org.delvm.benchmark.evaluate.ClaimEvaluator;
import org.delvm.benchmark.evaluate.ReplicateGrouping;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.EvaluationKind;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.DatasetRecord;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.ReplicateGroup;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.store.CellFingerprint;
import org.delvm.benchmark.store.CellProvenance;
import org.delvm.benchmark.store.ResultStore;
import org.delvm.benchmark.store.ResultStoreException;
import org.delvm.benchmark.store.StoredResult;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a plan: fetches its datasets, runs every cell, writes the report. A cell that fails or
 * diverges is recorded and the plan goes on; only problems that affect every cell (data that cannot
 * be had, an unwritable report or results directory) stop the run.
 *
 * <p>Each finished cell is stored in a {@link ResultStore}; the next run reuses a stored result
 * whose {@link CellFingerprint} still matches (unless {@code fresh}), so an interrupted plan
 * resumes where it stopped. Failed cells are always run again. The report is rendered from every
 * cell's result, reused or new.
 */
public final class Reproducer {

  /** The paper's ECG protocol as {@link EcgAnomalySplit} implements it, for the report. */
  private static final String ECG_RULE =
      "pool UCR TRAIN then TEST rows (5000 beats); class 1 = normal, classes 2-5 = anomaly"
          + " (positive class); shuffle with java.util.Random(seed); first 1000 = test; the first"
          + " 1639 normal beats of the rest = training; min-max scaling with the global min and max"
          + " of the 4000 non-test beats";

  /**
   * Tribuo logs through java.util.logging at INFO, which Maven prints unfiltered on the console.
   * java.util.logging holds loggers weakly: this reference keeps the level from being forgotten.
   */
  private static final Logger TRIBUO_LOG = Logger.getLogger("org.tribuo");

  static {
    TRIBUO_LOG.setLevel(Level.WARNING);
  }

  private final FetchSettings fetchSettings;
  private final Path resultsDirectory;
  private final boolean fresh;
  private final boolean requireAllDatasets;
  private final boolean train;
  private final RunLog runLog;
  private final List<Path> gathered;
  private final Consumer<String> log;
  private final Compute compute;

  /**
   * @param resultsDirectory where finished cells are stored, one folder per plan
   * @param fresh ignore stored results (they are still replaced by the new ones)
   */
  public Reproducer(
      FetchSettings fetchSettings, Path resultsDirectory, boolean fresh, Consumer<String> log) {
    this(
        fetchSettings,
        resultsDirectory,
        fresh,
        false,
        true,
        List.of(),
        RunLog.of(log),
        Compute.SERIAL);
  }

  /**
   * @param requireAllDatasets fail when a dataset cannot be had, instead of skipping its cells
   */
  public Reproducer(
      FetchSettings fetchSettings,
      Path resultsDirectory,
      boolean fresh,
      boolean requireAllDatasets,
      Consumer<String> log) {
    this(fetchSettings, resultsDirectory, fresh, requireAllDatasets, RunLog.of(log));
  }

  /**
   * @param log progress lines and warnings (skipped cells, rejected stored results, failed cells)
   */
  public Reproducer(
      FetchSettings fetchSettings,
      Path resultsDirectory,
      boolean fresh,
      boolean requireAllDatasets,
      RunLog log) {
    this(
        fetchSettings,
        resultsDirectory,
        fresh,
        requireAllDatasets,
        true,
        List.of(),
        log,
        Compute.SERIAL);
  }

  private Reproducer(
      FetchSettings fetchSettings,
      Path resultsDirectory,
      boolean fresh,
      boolean requireAllDatasets,
      boolean train,
      List<Path> gathered,
      RunLog log,
      Compute compute) {
    this.fetchSettings = fetchSettings;
    this.resultsDirectory = resultsDirectory;
    this.fresh = fresh;
    this.requireAllDatasets = requireAllDatasets;
    this.train = train;
    this.gathered = List.copyOf(gathered);
    this.runLog = log;
    this.log = log.info();
    this.compute = compute;
  }

  /** This reproducer computing its cells with {@code compute}: workers, threads, time limit. */
  public Reproducer computing(Compute compute) {
    return new Reproducer(
        fetchSettings,
        resultsDirectory,
        fresh,
        requireAllDatasets,
        train,
        gathered,
        runLog,
        compute);
  }

  /**
   * A reproducer that trains nothing: the report is rendered from the stored results, and a cell
   * without a valid one is reported as {@code not run} (the {@code report} goal).
   */
  public static Reproducer fromStoredResults(
      FetchSettings fetchSettings, Path resultsDirectory, Consumer<String> log) {
    return fromStoredResults(fetchSettings, resultsDirectory, RunLog.of(log));
  }

  /** As {@link #fromStoredResults(FetchSettings, Path, Consumer)}, with a warning channel. */
  public static Reproducer fromStoredResults(
      FetchSettings fetchSettings, Path resultsDirectory, RunLog log) {
    return new Reproducer(
        fetchSettings, resultsDirectory, false, false, false, List.of(), log, Compute.SERIAL);
  }

  /**
   * A reproducer that trains nothing and reports the results stored in several results directories,
   * e.g. those of the shards of a plan ({@code -Ddelvm.gather}): each cell's first valid result, in
   * the order given; a cell none of them holds is {@code not run}. {@code resultsDirectory} only
   * holds scratch files.
   */
  public static Reproducer gathering(
      FetchSettings fetchSettings, Path resultsDirectory, List<Path> gathered, RunLog log) {
    if (gathered.isEmpty()) {
      throw new IllegalArgumentException(
          "delvm.gather lists no results directory: give them comma-separated, e.g."
              + " -Ddelvm.gather=shard-1,shard-2,shard-3");
    }
    for (Path dir : gathered) {
      if (!Files.isDirectory(dir)) {
        throw new ResultStoreException(
            "delvm.gather: "
                + dir.toAbsolutePath()
                + " is not a results directory (no such folder). Give the folders the shards"
                + " wrote with -Ddelvm.resultsDirectory, comma-separated.",
            null);
      }
    }
    return new Reproducer(
        fetchSettings, resultsDirectory, false, false, false, gathered, log, Compute.SERIAL);
  }

  /** Runs the plan and writes index.html and metrics.json into {@code reportDirectory}. */
  public PlanOutcome run(Plan plan, Path reportDirectory) {
    Instant start = Instant.now();
    requireWritable(reportDirectory);
    CellsRun run = runAll(plan);
    List<CellResult> results =
        new ArrayList<>(run.outcomes().stream().map(CellOutcome::result).toList());
    List<CellResult> baselines = new ArrayList<>();
    run.splits()
        .forEach(
            (key, split) -> {
              if (key.contains("/")) {
                return; // the baselines flag high scores as anomalies: the project protocol's
              }
              String dataset = key.substring(0, key.indexOf('@'));
              long seed = Long.parseLong(key.substring(key.indexOf('@') + 1));
              baselines.addAll(Baselines.of(dataset, seed, split));
            });
    run.imageSplits()
        .forEach(
            (key, split) ->
                baselines.addAll(
                    Baselines.of(
                        key.substring(0, key.indexOf('@')),
                        split.seed(),
                        split.rule().limited()
                            ? "-" + key.substring(key.indexOf(':') + 1).replace('/', 'x')
                            : "",
                        split.trainNormal().pixels(),
                        split.test().pixels(),
                        split.testLabels())));
    for (CellResult b : baselines) {
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: precision %.2f, recall %.2f, F1 %.2f, AUROC %.2f (positive class: anomaly)",
              b.id(),
              metric(b, "precision"),
              metric(b, "recall"),
              metric(b, "F1"),
              metric(b, "AUROC")));
    }
    results.addAll(baselines);
    for (Cell cell : run.controls().values()) {
      CellResult control = run.images().rawPixelControl(cell);
      log.accept(
          String.format(
              Locale.ROOT,
              "%s: accuracy %.2f (softmax on the raw pixels of the same images)",
              control.id(),
              metric(control, "accuracy")));
      results.add(control);
    }
    List<ReplicateGroup> groups = ReplicateGrouping.groups(plan.cells(), results);
    List<ClaimResult> claims = ClaimEvaluator.evaluate(plan.claims(), groups, results);
    for (ClaimResult c : claims) {
      log.accept("claim " + c.id() + ": " + c.verdict().label() + " (" + c.reason() + ")");
    }
    Reproduction reproduction =
        new Reproduction(
            plan.name(),
            plan.description(),
            start.truncatedTo(ChronoUnit.SECONDS).toString(),
            (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0,
            environment(),
            datasetRecords(plan, run.datasets(), run.splits(), run.imageSplits()),
            results,
            claims,
            groups);
    Path html = new ReportWriter().write(reproduction, reportDirectory);
    return new PlanOutcome(reproduction, html.toAbsolutePath(), run.outcomes());
  }

  /**
   * Runs (or reuses) every cell of the plan and stores the results, without writing a report (the
   * {@code run} goal; {@link #run} does this, then renders).
   *
   * @return each cell's outcome, in plan order
   */
  public List<CellOutcome> runCells(Plan plan) {
    return runAll(plan).outcomes();
  }

  /** What running the cells leaves for the report: data, splits by key, outcomes. */
  private record CellsRun(
      PlanDatasets datasets,
      Map<String, EcgSplit> splits,
      Map<String, Cifar10AnomalySplit.Result> imageSplits,
      ImageCells images,
      Map<String, Cell> controls,
      List<CellOutcome> outcomes) {}

  private CellsRun runAll(Plan plan) {
    ResultStore store = ResultStore.open(resultsDirectory, plan.name(), runLog);
    log.accept(
        "plan "
            + plan.name()
            + ": "
            + plan.cells().size()
            + " cell(s); results in "
            + store.directory()
            + (fresh ? " (delvm.fresh: earlier results are ignored)" : ""));
    PlanDatasets datasets = PlanDatasets.fetch(plan, fetchSettings, requireAllDatasets, runLog);
    Map<String, FetchedDataset> fetched = datasets.available();
    List<Cell> runnable =
        plan.cells().stream()
            .filter(c -> fetched.containsKey(c.dataset()) || generated(c))
            .toList();
    // Looked up once per cell below: a set keeps a large plan linear.
    Set<Cell> runnableSet = new HashSet<>(runnable);
    Map<String, EcgSplit> splits = new LinkedHashMap<>();
    ImageCells images = new ImageCells(fetched, store.directory().resolve("scratch"), log);
    for (Cell cell : runnable) {
      if (generated(cell)) {
        continue;
      } else if (!ImageDatasets.isImageDataset(cell.dataset())) {
        splits.computeIfAbsent(splitKey(cell), key -> ecgSplit(fetched.get(cell.dataset()), cell));
      } else if (cell.anomalyDetection()) {
        images.anomalySplit(cell); // made before training, for the baselines and the report
      }
    }
    double[] estimates =
        plan.cells().stream()
            .mapToDouble(
                c -> runnableSet.contains(c) ? CostModel.seconds(c, trainingSamples(c, splits)) : 0)
            .toArray();
    log.accept(
        "plan "
            + plan.name()
            + ": "
            + CostModel.describe(java.util.Arrays.stream(estimates).sum()));
    List<ResultStore> sources = sources(plan, store);
    Map<EvaluationKind, CellRunner> runners = runners(images, splits);
    int n = plan.cells().size();
    int parallel = compute.workers() > 0 ? compute.workers() : automaticWorkers(plan);
    PlanClock clock = new PlanClock(estimates, parallel);
    List<Callable<CellOutcome>> tasks = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int index = i;
      Cell cell = plan.cells().get(i);
      tasks.add(
          () -> {
            String progress = "[" + (index + 1) + "/" + n + "] ";
            FetchedDataset data = fetched.get(cell.dataset());
            if (data == null && !generated(cell)) {
              String reason = datasets.skipReason(cell.dataset());
              log.accept(progress + "cell " + cell.id() + ": " + reason);
              clock.finished(index, 0, false);
              return new CellOutcome(placeholder(cell, CellStatus.SKIPPED, reason), false);
            }
            CellOutcome outcome =
                runOrReuse(
                    progress,
                    clock.describe(),
                    cell,
                    data == null ? CellFingerprint.generated(cell) : CellFingerprint.of(cell, data),
                    store,
                    sources,
                    () -> runners.get(cell.evaluationKind()).run(cell),
                    estimates[index]);
            clock.finished(index, outcome.stored().seconds(), !outcome.reused());
            return outcome;
          });
    }
    List<CellOutcome> outcomes =
        parallel == 1 ? serially(tasks) : inParallel(plan, tasks, estimates, parallel);
    Map<String, Cell> controls = new LinkedHashMap<>();
    for (Cell cell : runnable) {
      if (ImageDatasets.isImageDataset(cell.dataset()) && !cell.anomalyDetection()) {
        controls.putIfAbsent(ImageCells.subsetKey(cell), cell);
      }
    }
    return new CellsRun(datasets, splits, images.anomalySplits(), images, controls, outcomes);
  }

  private static List<CellOutcome> serially(List<Callable<CellOutcome>> tasks) {
    List<CellOutcome> outcomes = new ArrayList<>();
    for (Callable<CellOutcome> task : tasks) {
      try {
        outcomes.add(task.call());
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return outcomes;
  }

  private List<CellOutcome> inParallel(
      Plan plan, List<Callable<CellOutcome>> tasks, double[] estimates, int parallel) {
    log.accept(
        "plan "
            + plan.name()
            + ": "
            + parallel
            + " cells at a time (delvm.workers), each with "
            + (compute.threads() > 0
                ? compute.threads() + " compute thread(s)"
                : "ND4J's default compute threads"));
    return Workers.run(
        tasks,
        estimates,
        parallel,
        compute.threads(),
        (index, error) -> {
          Cell cell = plan.cells().get(index);
          String message = "the worker ran out of resources: " + error;
          runLog.warning().accept("cell " + cell.id() + ": " + message);
          StoredResult failed = placeholder(cell, CellStatus.FAILED, message);
          save(ResultStore.open(resultsDirectory, plan.name(), runLog), cell, failed);
          return new CellOutcome(failed, false);
        });
  }

  private int automaticWorkers(Plan plan) {
    double largest = plan.cells().stream().mapToDouble(MemoryEstimate::bytes).max().orElse(0);
    return Workers.automatic(
        compute.threads(),
        Runtime.getRuntime().availableProcessors(),
        MemoryEstimate.available(),
        largest);
  }

  /** One runner per evaluation kind, over the data and splits prepared for the plan. */
  private Map<EvaluationKind, CellRunner> runners(ImageCells images, Map<String, EcgSplit> splits) {
    AnomalyCellRunner anomaly = new AnomalyCellRunner(log);
    VaeCellRunner vae = new VaeCellRunner(log);
    CellRunner ecg =
        cell -> {
          EcgSplit split = splits.get(splitKey(cell));
          return anomaly.run(
              cell,
              AnomalyCellRunner.AnomalyData.of(
                  split.train(), split.test(), split.testLabels(), protocol(cell)));
        };
    return Map.of(
        EvaluationKind.FEATURES,
        images::run,
        EvaluationKind.ANOMALY,
        cell ->
            ImageDatasets.isImageDataset(cell.dataset()) ? images.runAnomaly(cell) : ecg.run(cell),
        EvaluationKind.GENERATIVE,
        vae::run);
  }

  /**
   * Where stored results are read from: the results directory, or the gathered ones that hold the
   * plan (a directory without it is reported and left out; its cells show as not run).
   */
  private List<ResultStore> sources(Plan plan, ResultStore store) {
    if (gathered.isEmpty()) {
      return List.of(store);
    }
    List<ResultStore> sources = new ArrayList<>();
    for (Path dir : gathered) {
      if (Files.isDirectory(dir.resolve(ResultStore.fileName(plan.name())))) {
        sources.add(ResultStore.open(dir, plan.name(), log));
      } else {
        log.accept("gather: " + dir + " holds no results of plan " + plan.name());
      }
    }
    log.accept("gathering the stored results of " + sources.size() + " results directories");
    return sources;
  }

  /** A cell on data its runner generates (the VAE's cosine), not fetched. */
  private static boolean generated(Cell cell) {
    return PlanLoader.GENERATED.contains(cell.dataset());
  }

  private static int trainingSamples(Cell cell, Map<String, EcgSplit> splits) {
    if (generated(cell)) {
      return VaeCellRunner.POINTS;
    }
    return ImageDatasets.isImageDataset(cell.dataset())
        ? cell.images().trainImages()
        : splits.get(splitKey(cell)).train().length;
  }

  /**
   * A dataset's split: by seed, and for ECG5000 by protocol too ({@code ecg5000@7}, {@code
   * ecg5000@7/tf-tutorial}).
   */
  private static String splitKey(Cell cell) {
    EcgProtocol protocol = protocol(cell);
    return cell.dataset()
        + "@"
        + cell.splitSeed()
        + (protocol == EcgProtocol.PROJECT ? "" : "/" + protocol.id());
  }

  public static EcgProtocol protocol(Cell cell) {
    return cell.protocol() == null ? EcgProtocol.PROJECT : EcgProtocol.of(cell.protocol());
  }

  private static double metric(CellResult cell, String name) {
    return cell.metrics().stream()
        .filter(m -> m.name().equals(name))
        .mapToDouble(MetricResult::value)
        .findFirst()
        .orElse(Double.NaN);
  }

  /** The cell's stored result if it is still valid, else a new one (stored in turn). */
  private CellOutcome runOrReuse(
      String progress,
      String planTimeLeft,
      Cell cell,
      CellFingerprint fingerprint,
      ResultStore store,
      List<ResultStore> sources,
      Supplier<CellResult> compute,
      double predicted) {
    Optional<StoredResult> stored = Optional.empty();
    String staleness = "";
    String from = "";
    for (ResultStore source : fresh ? List.<ResultStore>of() : sources) {
      Optional<StoredResult> candidate = source.read(cell.id());
      String why = candidate.map(s -> staleness(s, fingerprint)).orElse("");
      if (candidate.isPresent() && why.isEmpty()) {
        stored = candidate;
        staleness = "";
        from = sources.size() > 1 ? " in " + source.directory() : "";
        break;
      } else if (stored.isEmpty()) {
        stored = candidate; // the first stale one says why, if none is valid
        staleness = why;
      }
    }
    if (stored.isPresent() && staleness.isEmpty()) {
      log.accept(
          progress
              + "cell "
              + cell.id()
              + ": reusing the result of "
              + stored.get().finishedAt()
              + from);
      return new CellOutcome(stored.get(), true);
    }
    if (!train && stored.isPresent() && failedFor(stored.get(), fingerprint)) {
      log.accept(progress + "cell " + cell.id() + ": failed on " + stored.get().finishedAt());
      return new CellOutcome(stored.get(), true);
    }
    if (!train) {
      log.accept(progress + "cell " + cell.id() + ": no valid stored result" + staleness);
      return new CellOutcome(
          placeholder(
              cell,
              CellStatus.NOT_RUN,
              gathered.isEmpty()
                  ? "no stored result for this definition: run the reproduce goal (mvn verify)"
                      + " first"
                  : "no stored result for this definition in the gathered results directories:"
                      + " run its shard"),
          true);
    }
    log.accept(progress + "cell " + cell.id() + staleness + "; " + planTimeLeft);
    StoredResult result = runCell(cell, compute, fingerprint, predicted);
    save(store, cell, result);
    return new CellOutcome(result, false);
  }

  /**
   * The stand-in result of a cell that did not train: not run (report goal), skipped (no data), or
   * failed before its runner could record anything (a worker or a Spark task lost). It has no
   * fingerprint, since nothing was computed.
   */
  public static StoredResult placeholder(Cell cell, CellStatus status, String message) {
    return new StoredResult(
        new CellFingerprint("", Map.of(), ""),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        0,
        withoutResults(cell, status, message));
  }

  /** A result with no training and no metrics: a cell that failed or was not run. */
  static CellResult withoutResults(Cell cell, CellStatus status, String message) {
    return new CellResult(
        cell.id(),
        cell.experiment(),
        cell.dataset(),
        cell.model(),
        cell.objective(),
        Map.of(),
        cell.seed(),
        status,
        message,
        0,
        0,
        List.of(),
        List.of(),
        cell.series(),
        cell.coordinates());
  }

  /**
   * Whether a stored failure is this definition's: the report shows it as failed, with its reason,
   * not as "not run". A record the Spark driver wrote for a lost task has no fingerprint (the task
   * never computed one); it was written for this plan's cell, so it counts.
   */
  private static boolean failedFor(StoredResult stored, CellFingerprint fingerprint) {
    String cellSha256 = stored.fingerprint().cellSha256();
    return stored.result().status() == CellStatus.FAILED
        && (cellSha256.isEmpty() || cellSha256.equals(fingerprint.cellSha256()));
  }

  /** Why a stored result cannot be reused, as a suffix of the progress line; empty if it can. */
  private static String staleness(StoredResult stored, CellFingerprint fingerprint) {
    String since = " since the result of " + stored.finishedAt() + "; running it again";
    if (stored.result().status() == CellStatus.FAILED) {
      return ": it failed on " + stored.finishedAt() + "; running it again";
    } else if (!stored.fingerprint().cellSha256().equals(fingerprint.cellSha256())) {
      return ": its definition changed" + since;
    } else if (!stored.fingerprint().datasetFiles().equals(fingerprint.datasetFiles())) {
      return ": its dataset files changed" + since;
    } else if (!stored.fingerprint().codeSha256().equals(fingerprint.codeSha256())) {
      return ": the model code changed" + since;
    }
    return "";
  }

  /**
   * Fails before hours of training, not after, when the report cannot be written. The report writer
   * checks again when it writes.
   */
  private static void requireWritable(Path reportDirectory) {
    try {
      Files.createDirectories(reportDirectory);
    } catch (IOException e) {
      throw new ReportException(
          "Cannot create the report directory "
              + reportDirectory.toAbsolutePath()
              + ": "
              + e
              + ". Pass -Ddelvm.outputDirectory=<a writable folder>.",
          e);
    }
    if (!Files.isWritable(reportDirectory)) {
      throw new ReportException(
          "The report directory "
              + reportDirectory.toAbsolutePath()
              + " is not writable. Pass -Ddelvm.outputDirectory=<a writable folder>.",
          null);
    }
  }

  private StoredResult runCell(
      Cell cell, Supplier<CellResult> compute, CellFingerprint fingerprint, double predicted) {
    CellProvenance measured = CellProvenance.start();
    Optional<String> tooLarge = MemoryEstimate.refusal(cell, MemoryEstimate.available());
    tooLarge.ifPresent(reason -> runLog.warning().accept("cell " + cell.id() + ": " + reason));
    CellResult result =
        tooLarge
            .map(reason -> withoutResults(cell, CellStatus.FAILED, reason))
            .orElseGet(() -> attempt(cell, compute));
    double seconds = measured.seconds();
    return new StoredResult(
        fingerprint,
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
        seconds,
        result.withProvenance(measured.finish(seconds, predicted)));
  }

  private CellResult attempt(Cell cell, Supplier<CellResult> training) {
    CellDeadline.start(compute.cellTimeout());
    try {
      return CellAttempt.run(cell, training, runLog);
    } finally {
      CellDeadline.clear();
    }
  }

  /** A result that cannot be stored is still reported; the cell just runs again next time. */
  private void save(ResultStore store, Cell cell, StoredResult result) {
    try {
      store.write(cell.id(), result);
    } catch (IOException e) {
      log.accept(
          "cell "
              + cell.id()
              + ": cannot store the result in "
              + store.file(cell.id())
              + " ("
              + e
              + "); the next run will compute it again");
    }
  }

  private static EcgSplit ecgSplit(FetchedDataset data, Cell cell) {
    try {
      return protocol(cell)
          .split(cell.splitSeed())
          .apply(
              UcrTimeSeriesReader.read(data.path("ECG5000_TRAIN.txt")),
              UcrTimeSeriesReader.read(data.path("ECG5000_TEST.txt")));
    } catch (IOException e) {
      throw new DatasetException("Cannot read ECG5000 from " + data.directory() + ": " + e, e);
    }
  }

  private static List<DatasetRecord> datasetRecords(
      Plan plan,
      PlanDatasets datasets,
      Map<String, EcgSplit> splits,
      Map<String, Cifar10AnomalySplit.Result> imageSplits) {
    DatasetCatalogue catalogue = DatasetCatalogue.standard();
    List<DatasetRecord> records = new ArrayList<>();
    for (FetchedDataset data : datasets.available().values()) {
      DatasetDescriptor descriptor = catalogue.get(data.id());
      Map<String, String> protocol = new LinkedHashMap<>();
      if (data.id().equals("ecg5000")) {
        protocol.put("rule", ECG_RULE);
        for (EcgProtocol p : EcgProtocol.values()) {
          protocol.put("protocol " + p.id(), p.rule());
        }
      } else if (ImageDatasets.isImageDataset(data.id())) {
        protocol.put("rule", ImageCells.RULE);
      }
      splits.forEach(
          (key, split) -> {
            if (key.startsWith(data.id() + "@")) {
              String seed = key.substring(key.indexOf('@') + 1).replace("/", ", protocol ");
              protocol.put("split (seed " + seed + ")", split.summary());
            }
          });
      imageSplits.forEach(
          (key, split) -> {
            if (key.startsWith(data.id() + "@")) {
              protocol.put(
                  "anomaly split (seed "
                      + split.seed()
                      + ", caps "
                      + key.substring(key.indexOf(':') + 1)
                      + ")",
                  split.summary());
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
    datasets
        .unavailable()
        .forEach(
            (id, reason) -> {
              DatasetDescriptor descriptor = catalogue.get(id);
              records.add(
                  new DatasetRecord(
                      id,
                      descriptor.title(),
                      descriptor.lossy(),
                      descriptor.note(),
                      List.of(),
                      Map.of("unavailable", reason + " Its cells were skipped.")));
            });
    plan.cells().stream()
        .filter(Reproducer::generated)
        .map(Cell::dataset)
        .distinct()
        .forEach(
            id ->
                records.add(
                    new DatasetRecord(
                        id,
                        "the VAE paper's noisy 3-D cosine curve (generated)",
                        false,
                        "made by code, the same for every run; the paper does not publish it, so"
                            + " its generator is a reading of the paper's description",
                        List.of(),
                        Map.of("rule", VaeCellRunner.DATA_DESCRIPTION))));
    return records;
  }

  /** Facts needed to read timings: JVM, OS, cores and the ND4J backend. */
  private static Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    env.put("available processors", Integer.toString(Runtime.getRuntime().availableProcessors()));
    Properties nd4j = Nd4j.getExecutioner().getEnvironmentInformation();
    for (String key : List.of("backend", "blas.vendor", "cores")) {
      if (nd4j.get(key) != null) {
        env.put("nd4j " + key, String.valueOf(nd4j.get(key)));
      }
    }
    // ND4J's own "omp.threads" is per thread and missed -Ddelvm.threads; this reads all three.
    env.put("compute threads", ComputeThreads.current());
    return env;
  }
}
