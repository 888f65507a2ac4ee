package org.delvm.benchmark.reproduction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.delvm.benchmark.evaluation.AnomalyDetection;
import org.delvm.benchmark.evaluation.AnomalyMetrics;
import org.delvm.benchmark.evaluation.LayerFeatures;
import org.delvm.benchmark.evaluation.MeanPlusStdThresholdTrainer;
import org.delvm.benchmark.evaluation.RankingMetrics;
import org.delvm.benchmark.models.Autoencoder;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingResult;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one anomaly-detection cell the paper's way: train on normal samples only, score every sample
 * by its reconstruction error, threshold at mean + std of the training scores.
 */
final class AnomalyCellRunner {

  /** Stated in every anomaly cell's settings and in the log. */
  static final String POSITIVE_CLASS =
      "anomaly (label 1: UCR classes 2-5); precision, recall, F1, AUROC and AUPRC are of it";

  /** The dense autoencoder baseline of Fig. 7 and 8 (trained by the reconstruction objective). */
  static final String AUTOENCODER = "ae-mlp";

  private final Consumer<String> log;

  AnomalyCellRunner(Consumer<String> log) {
    this.log = log;
  }

  CellResult run(Cell cell, AnomalyData data) {
    Activation activation = Activation.valueOf(cell.activation().toUpperCase(Locale.ROOT));
    EnergyModel model =
        AUTOENCODER.equals(cell.model())
            ? Autoencoder.dense(
                data.inputSize(), cell.hiddenUnits(), activation, cell.seed(), DataType.FLOAT)
            : new Delvm(
                Mlp.initialise(
                    data.inputSize(), cell.hiddenUnits(), activation, cell.seed(), DataType.FLOAT));
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
    TrainingResult training =
        new ModelTrainer(settings, p -> logEpoch(cell, p))
            .train(
                model, Objectives.create(cell.objective(), cell.objectiveOptions()), data.train());

    List<MetricResult> metrics = new ArrayList<>();
    String message = training.message();
    if (training.status() == TrainingResult.Status.COMPLETED) {
      double active = model instanceof Delvm delvm ? activeUnits(delvm, data.train()) : 100;
      if (model instanceof Delvm) {
        metrics.add(new MetricResult("active units of f", active, null, "%"));
      }
      if (active == 0) {
        // A dead network still "completes": say so, or its scores (||x||^2) pass for a result.
        message =
            "degenerate: every unit of f is inactive on every training sample (dead ReLUs), so"
                + " J = 0 and the score is ||x||^2";
        log.accept("cell " + cell.id() + ": " + message);
      }
      double[] testScores = scores(model, data.test());
      AnomalyMetrics m =
          AnomalyDetection.evaluate(
              scores(model, data.train()),
              testScores,
              data.testLabels(),
              new MeanPlusStdThresholdTrainer(1.0),
              "reconstruction error of " + cell.id());
      metrics.addAll(
          anomalyMetrics(
              m,
              testScores,
              data.testLabels(),
              "threshold (mean + std of training RE)",
              cell.paper()));
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
        training.status() == TrainingResult.Status.COMPLETED ? "completed" : "diverged",
        message,
        training.seconds(),
        training.samplesPerSecond(),
        training.epochLosses(),
        metrics,
        cell.series(),
        cell.coordinates());
  }

  /**
   * The metrics of a thresholded anomaly score, the anomaly (label 1) as the positive class:
   * precision, recall, F1, AUROC and AUPRC (threshold-free, from the test scores), the threshold
   * and the confusion counts. Rates in percent; {@code paper} gives the paper's values by name.
   */
  static List<MetricResult> anomalyMetrics(
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
    metrics.add(new MetricResult("true positives", m.truePositives(), null, "samples"));
    metrics.add(new MetricResult("false positives", m.falsePositives(), null, "samples"));
    metrics.add(new MetricResult("true negatives", m.trueNegatives(), null, "samples"));
    metrics.add(new MetricResult("false negatives", m.falseNegatives(), null, "samples"));
    return metrics;
  }

  private void logEpoch(Cell cell, ModelTrainer.EpochProgress p) {
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

  /** The paper's anomaly score for every model: the reconstruction error ||x - x_hat||^2. */
  private static double[] scores(EnergyModel model, INDArray x) {
    INDArray errors =
        model instanceof Autoencoder ae
            ? ae.reconstructionError(x)
            : ((Delvm) model).reconstructionError(x);
    return errors.toDoubleVector();
  }

  private static Map<String, String> settings(Cell cell) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("hidden units", cell.hiddenUnits().toString());
    s.put("activation", cell.activation());
    if (!cell.objectiveOptions().isEmpty()) {
      s.put("objective options", new java.util.TreeMap<>(cell.objectiveOptions()).toString());
    }
    s.put("epochs", Integer.toString(cell.epochs()));
    s.put("batch size", Integer.toString(cell.batchSize()));
    s.put("optimiser", "Adam, learning rate per layer " + cell.learningRates());
    s.put("initialisation", "Glorot uniform weights, zero biases");
    s.put("split seed", Long.toString(cell.splitSeed()));
    s.put("anomaly score", "reconstruction error ||x - J(x)^T f(x)||^2");
    s.put("threshold", "mean + 1 std (population) of the training beats' scores");
    s.put("positive class", POSITIVE_CLASS);
    return s;
  }

  /** Arrays of one dataset split, ready for training (float32). */
  record AnomalyData(INDArray train, INDArray test, int[] testLabels) {

    static AnomalyData of(float[][] train, float[][] test, int[] testLabels) {
      return new AnomalyData(
          Nd4j.createFromArray(train), Nd4j.createFromArray(test), testLabels.clone());
    }

    int inputSize() {
      return (int) train.columns();
    }
  }
}
