package org.delvm.benchmark.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.delvm.benchmark.datasets.EcgProtocol;
import org.delvm.benchmark.evaluate.ThresholdSweep;
import org.delvm.benchmark.evaluation.AnomalyDetection;
import org.delvm.benchmark.evaluation.AnomalyMetrics;
import org.delvm.benchmark.evaluation.HistogramThreshold;
import org.delvm.benchmark.evaluation.LayerFeatures;
import org.delvm.benchmark.evaluation.MeanPlusStdThresholdTrainer;
import org.delvm.benchmark.evaluation.RankingMetrics;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.EpochDiagnostics;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingResult;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.delvm.benchmark.pictures.CellPictures;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.CollapseDiagnostics;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Picture;
import org.delvm.benchmark.report.TestPredictions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one anomaly-detection cell the paper's way: train on normal samples only, score every sample
 * by its reconstruction error, threshold at mean + std of the training scores. Image cells carry
 * pictures of normal and anomalous test images with their scores and reconstructions ({@link
 * CellPictures}).
 */
public final class AnomalyCellRunner {

  /** Stated in every anomaly cell's settings and in the log. */
  public static final String POSITIVE_CLASS =
      "anomaly (label 1: UCR classes 2-5); precision, recall, F1, AUROC and AUPRC are of it";

  /** The same, for the CIFAR-10 split. */
  static final String IMAGE_POSITIVE_CLASS =
      "anomaly (label 1: every class but airplane); precision, recall, F1, AUROC and AUPRC are of"
          + " it";

  private final Consumer<String> log;

  AnomalyCellRunner(Consumer<String> log) {
    this.log = log;
  }

  public CellResult run(Cell cell, AnomalyData data) {
    EnergyModel model = CellModels.create(cell, data.shape(), data.train());
    log.accept(
        String.format(
            "cell %s: starting (%s, %s, objective %s, %d epochs, %d training samples)",
            cell.id(),
            cell.dataset(),
            model.describe(),
            cell.objective(),
            cell.epochs(),
            data.train().rows()));
    TrainingSettings settings =
        new TrainingSettings(
            cell.epochs(),
            cell.batchSize(),
            cell.learningRates().stream().mapToDouble(Double::doubleValue).toArray(),
            cell.seed());
    ModelTrainer trainer = new ModelTrainer(settings, p -> logEpoch(cell, p));
    if (collapseWatched(cell, model)) {
      trainer.withDiagnostics(DIAGNOSTIC_ROWS);
    }
    TrainingResult training =
        trainer.train(
            model, Objectives.create(cell.objective(), cell.objectiveOptions()), data.train());

    List<MetricResult> metrics = new ArrayList<>();
    List<Picture> pictures = List.of();
    TestPredictions predictions = TestPredictions.NONE;
    String message = training.message();
    if (training.status() == TrainingResult.Status.COMPLETED) {
      // Dense DELVMs only: a CNN's f has one unit per filter and position, not worth the pass.
      boolean dense = model instanceof Delvm && cell.kernels() == null;
      double active = dense ? activeUnits((Delvm) model, data.train()) : 100;
      if (dense) {
        metrics.add(new MetricResult("active units of f", active, null, "%"));
      }
      metrics.addAll(diagnostics(training.diagnostics()));
      if (active == 0) {
        // A dead network still "completes": say so, or its scores (||x||^2) pass for a result.
        message =
            "degenerate: every unit of f is inactive on every training sample (dead ReLUs), so"
                + " J = 0 and the score is ||x||^2";
        log.accept("cell " + cell.id() + ": " + message);
      }
      double[] trainScores = CellModels.reconstructionErrors(model, data.train());
      double[] testScores = CellModels.reconstructionErrors(model, data.test());
      AnomalyMetrics m;
      String thresholdName;
      if (!data.protocol().flagsAbove()) {
        m = flaggedBelow(trainScores, testScores, data.testLabels());
        thresholdName = "threshold (mean + std of training RE)";
      } else if (data.trainAnomalous() == null) {
        m =
            AnomalyDetection.evaluate(
                trainScores,
                testScores,
                data.testLabels(),
                new MeanPlusStdThresholdTrainer(1.0),
                "reconstruction error of " + cell.id());
        thresholdName = "threshold (mean + std of training RE)";
      } else {
        double[] anomalousScores = CellModels.reconstructionErrors(model, data.trainAnomalous());
        HistogramThreshold histogram = HistogramThreshold.paper();
        HistogramThreshold.Fit fit = histogram.fit(trainScores, anomalousScores);
        m =
            histogram.evaluate(
                trainScores,
                anomalousScores,
                testScores,
                data.testLabels(),
                "reconstruction error of " + cell.id());
        thresholdName = "threshold (histogram crossing of labelled training RE)";
        message = join(message, fit.summary());
        if (!fit.crossingFound()) {
          log.accept("cell " + cell.id() + ": " + fit.summary());
        }
      }
      // Ranking metrics rank positives first: where positives score low, by the negated score.
      double[] ranked =
          data.protocol().flagsAbove()
              ? testScores
              : java.util.Arrays.stream(testScores).map(v -> -v).toArray();
      metrics.addAll(anomalyMetrics(m, ranked, data.testLabels(), thresholdName, cell.paper()));
      if (cell.protocol() != null) {
        // A sensitivity sweep of the threshold rule, for the cells that name their protocol.
        Map<String, double[]> train = new LinkedHashMap<>();
        Map<String, double[]> test = new LinkedHashMap<>();
        train.put("squared error", trainScores);
        test.put("squared error", testScores);
        train.put("mean absolute error", CellModels.meanAbsoluteErrors(model, data.train()));
        test.put("mean absolute error", CellModels.meanAbsoluteErrors(model, data.test()));
        metrics.addAll(
            ThresholdSweep.metrics(train, test, data.testLabels(), data.protocol(), cell.paper()));
      }
      predictions =
          data.protocol().flagsAbove()
              ? flagged(testScores, m.threshold(), data.testLabels())
              : flagged(ranked, -m.threshold(), data.testLabels());
      log.accept(
          String.format(
              "cell %s: done in %.1f s: precision %.2f, recall %.2f, F1 %.2f (paper F1 %s),"
                  + " AUROC %.2f; positive class: anomaly",
              cell.id(),
              training.seconds(),
              m.precision(),
              m.recall(),
              m.f1(),
              cell.paper().getOrDefault("F1", Double.NaN),
              100 * RankingMetrics.auroc(testScores, data.testLabels())));
      if (data.shape().height() > 1) {
        double threshold = m.threshold();
        pictures =
            CellPictures.orNone(
                cell.id(),
                log,
                () ->
                    CellPictures.anomaly(
                        model,
                        data.test(),
                        data.testLabels(),
                        testScores,
                        threshold,
                        data.shape()));
      }
    } else {
      log.accept("cell " + cell.id() + ": " + training.message());
    }
    return new CellResult(
            cell.id(),
            cell.experiment(),
            cell.dataset(),
            model.describe(),
            cell.objective(),
            settings(cell),
            cell.seed(),
            training.status() == TrainingResult.Status.COMPLETED
                ? CellStatus.COMPLETED
                : CellStatus.DIVERGED,
            message,
            training.seconds(),
            training.samplesPerSecond(),
            training.epochLosses(),
            metrics,
            cell.series(),
            cell.coordinates(),
            pictures)
        .withPredictions(predictions);
  }

  /**
   * The metrics of a thresholded anomaly score, the anomaly (label 1) as the positive class:
   * precision, recall, F1, AUROC and AUPRC (threshold-free, from the test scores), the threshold
   * and the confusion counts. Rates in percent; {@code paper} gives the paper's values by name.
   */
  public static List<MetricResult> anomalyMetrics(
      AnomalyMetrics m,
      double[] testScores,
      int[] testLabels,
      String thresholdName,
      Map<String, Double> paper) {
    List<MetricResult> metrics = new ArrayList<>();
    metrics.add(new MetricResult("precision", m.precision(), paper.get("precision"), "%"));
    metrics.add(new MetricResult("recall", m.recall(), paper.get("recall"), "%"));
    metrics.add(new MetricResult("F1", m.f1(), paper.get("F1"), "%"));
    metrics.add(
        new MetricResult(
            "AUROC", 100 * RankingMetrics.auroc(testScores, testLabels), paper.get("AUROC"), "%"));
    metrics.add(
        new MetricResult(
            "AUPRC", 100 * RankingMetrics.auprc(testScores, testLabels), paper.get("AUPRC"), "%"));
    if (thresholdName != null) {
      metrics.add(new MetricResult(thresholdName, m.threshold(), null, ""));
    }
    // The counts the paper's rates imply under a protocol (e.g. TP 557), where the plan gives them.
    metrics.add(
        new MetricResult(
            "true positives", m.truePositives(), paper.get("true positives"), "samples"));
    metrics.add(
        new MetricResult(
            "false positives", m.falsePositives(), paper.get("false positives"), "samples"));
    metrics.add(
        new MetricResult(
            "true negatives", m.trueNegatives(), paper.get("true negatives"), "samples"));
    metrics.add(
        new MetricResult(
            "false negatives", m.falseNegatives(), paper.get("false negatives"), "samples"));
    return metrics;
  }

  /** Which test samples a threshold flags (score above it, as Tribuo's evaluation counts them). */
  public static TestPredictions flagged(double[] testScores, double threshold, int[] testLabels) {
    boolean[] flagged = new boolean[testScores.length];
    for (int i = 0; i < flagged.length; i++) {
      flagged[i] = testScores[i] > threshold;
    }
    return TestPredictions.of(testLabels, flagged);
  }

  private void logEpoch(Cell cell, ModelTrainer.EpochProgress p) {
    CellDeadline.check(cell.id(), p.epoch());
    double eta = p.seconds() / p.epoch() * (p.epochs() - p.epoch());
    log.accept(
        String.format(
            "cell %s: epoch %d/%d loss %.4f, %.0f samples/s, ETA %.0f s",
            cell.id(), p.epoch(), p.epochs(), p.loss(), p.samplesPerSecond(), eta));
  }

  /** Percent of f's output units that are non-zero on at least one of the rows. */
  static double activeUnits(Delvm model, INDArray rows) {
    float[][] f = LayerFeatures.of(model, rows);
    int width = model.network().outputSize();
    int offset = f[0].length - width;
    int active = 0;
    for (int j = 0; j < width; j++) {
      for (float[] row : f) {
        if (row[offset + j] != 0) {
          active++;
          break;
        }
      }
    }
    return 100.0 * active / width;
  }

  /** Training rows the collapse diagnostics are measured on, after every epoch. */
  static final int DIAGNOSTIC_ROWS = 100;

  /**
   * CD-trained dense DELVMs are where f collapses (docs/cd-collapse.md): their cells record, per
   * epoch, the quantities of the mechanism, so the report shows the collapse as it happens.
   */
  private static boolean collapseWatched(Cell cell, EnergyModel model) {
    return model instanceof Delvm && cell.kernels() == null && cell.objective().equals("cd");
  }

  /** The diagnostics of every epoch as metrics, for the report's CD-collapse section. */
  private static List<MetricResult> diagnostics(List<EpochDiagnostics> epochs) {
    List<MetricResult> metrics = new ArrayList<>();
    for (EpochDiagnostics d : epochs) {
      int e = d.epoch();
      metrics.add(
          new MetricResult(
              CollapseDiagnostics.name(CollapseDiagnostics.ACTIVE_UNITS, e),
              100 * d.activeUnits(),
              null,
              "%"));
      metrics.add(
          new MetricResult(
              CollapseDiagnostics.name(CollapseDiagnostics.JACOBIAN_NORM_MAX, e),
              d.jacobianNormMax(),
              null,
              ""));
      metrics.add(
          new MetricResult(
              CollapseDiagnostics.name(CollapseDiagnostics.JACOBIAN_NORM_MEAN, e),
              d.jacobianNormMean(),
              null,
              ""));
    }
    return metrics;
  }

  private static Map<String, String> settings(Cell cell) {
    Map<String, String> s = new LinkedHashMap<>();
    if (cell.kernels() == null) {
      s.put("hidden units", cell.hiddenUnits().toString());
    } else {
      s.put("filters", cell.hiddenUnits().toString());
      s.put("kernel sizes", cell.kernels().toString());
    }
    s.put("activation", cell.activation());
    s.put("objective used", ObjectiveUsed.of(cell));
    if (!cell.objectiveOptions().isEmpty()) {
      s.put("objective options", new java.util.TreeMap<>(cell.objectiveOptions()).toString());
    }
    s.put("epochs", Integer.toString(cell.epochs()));
    s.put("batch size", Integer.toString(cell.batchSize()));
    s.put("optimiser", "Adam, learning rate per layer " + cell.learningRates());
    Cell.Pretraining p = cell.pretraining();
    s.put(
        "initialisation",
        p == null
            ? "Glorot uniform weights, zero biases"
            : String.format(
                java.util.Locale.ROOT,
                "stacked RBMs (Gaussian-Bernoulli, then binary), CD-%d, %d epochs each, Adam %s",
                p.k() == null ? 1 : p.k(),
                p.epochs(),
                p.learningRate() == null ? 1e-3 : p.learningRate()));
    if (cell.latentUnits() != null) {
      s.put("latent units", Integer.toString(cell.latentUnits()));
    }
    s.put("split seed", Long.toString(cell.splitSeed()));
    s.put("anomaly score", "reconstruction error ||x - x_hat||^2 (" + reconstruction(cell) + ")");
    s.put(
        "threshold",
        cell.dataset().equals("ecg5000")
            ? "mean + 1 std (population) of the training beats' scores"
            : "where the histograms of the normal and the anomalous training images' scores cross,"
                + " nearest the pooled mean (50 bins; uses labels, as the paper's threshold)");
    s.put(
        "positive class",
        !cell.dataset().equals("ecg5000")
            ? IMAGE_POSITIVE_CLASS
            : Reproducer.protocol(cell) == EcgProtocol.PROJECT
                ? POSITIVE_CLASS
                : Reproducer.protocol(cell).positive()
                    + "; precision, recall, F1, AUROC and AUPRC are of it");
    if (cell.dataset().equals("ecg5000")) {
      s.put("protocol", Reproducer.protocol(cell).id() + ": " + Reproducer.protocol(cell).rule());
    }
    return s;
  }

  private static String join(String a, String b) {
    return a == null || a.isEmpty() ? b : a + "; " + b;
  }

  /** What x_hat is for the cell's model. */
  private static String reconstruction(Cell cell) {
    String model = cell.model();
    if (model.startsWith("delvm-")) {
      return "x_hat = J(x)^T f(x), the mean of p(x|h) at h = f(x)";
    } else if (model.startsWith("ae-") || model.startsWith("cae-")) {
      return "x_hat = the decoder's output";
    }
    return "x_hat = x - grad_x E(x), so the error is ||grad_x E(x)||^2";
  }

  /**
   * Arrays of one dataset split, ready for training (float32).
   *
   * @param trainAnomalous labelled anomalous training samples, for the histogram threshold; null
   *     for the mean + std threshold, which sees the training class only
   * @param testLabels 1 for the positive class
   * @param protocol for ECG5000, which class trains, which is positive and on which side of the
   *     threshold; {@link EcgProtocol#PROJECT} for the images (trained on normal, positive =
   *     anomaly, flagged above)
   */
  public record AnomalyData(
      INDArray train,
      INDArray trainAnomalous,
      INDArray test,
      int[] testLabels,
      CellModels.InputShape shape,
      EcgProtocol protocol) {

    static AnomalyData of(float[][] train, float[][] test, int[] testLabels) {
      return of(train, test, testLabels, EcgProtocol.PROJECT);
    }

    static AnomalyData of(float[][] train, float[][] test, int[] testLabels, EcgProtocol protocol) {
      return new AnomalyData(
          Nd4j.createFromArray(train),
          null,
          Nd4j.createFromArray(test),
          testLabels.clone(),
          CellModels.InputShape.vector(train[0].length),
          protocol);
    }
  }

  /**
   * The mean + std threshold where a positive lies below it ({@link EcgProtocol#TF_TUTORIAL}):
   * Tribuo's detectors flag high scores, so the counts are made here, from the same predictions the
   * intervals resample. Precision, recall and F1 are of the positive class.
   */
  static AnomalyMetrics flaggedBelow(double[] trainScores, double[] testScores, int[] labels) {
    double mean = java.util.Arrays.stream(trainScores).average().orElse(Double.NaN);
    double variance =
        java.util.Arrays.stream(trainScores).map(v -> (v - mean) * (v - mean)).average().orElse(0);
    double threshold = mean + Math.sqrt(variance);
    long tp = 0;
    long fp = 0;
    long fn = 0;
    for (int i = 0; i < testScores.length; i++) {
      boolean flagged = testScores[i] < threshold;
      tp += flagged && labels[i] == 1 ? 1 : 0;
      fp += flagged && labels[i] == 0 ? 1 : 0;
      fn += !flagged && labels[i] == 1 ? 1 : 0;
    }
    long tn = testScores.length - tp - fp - fn;
    double precision = tp + fp == 0 ? Double.NaN : 100.0 * tp / (tp + fp);
    double recall = tp + fn == 0 ? Double.NaN : 100.0 * tp / (tp + fn);
    double f1 = 2 * tp + fp + fn == 0 ? Double.NaN : 100.0 * 2 * tp / (2 * tp + fp + fn);
    return new AnomalyMetrics(threshold, precision, recall, f1, tp, fp, tn, fn);
  }
}
