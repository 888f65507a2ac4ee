package org.delvm.benchmark.evaluate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.delvm.benchmark.datasets.EcgSplit;
import org.delvm.benchmark.evaluation.AnomalyDetection;
import org.delvm.benchmark.evaluation.AnomalyMetrics;
import org.delvm.benchmark.evaluation.MeanPlusStdThresholdTrainer;
import org.delvm.benchmark.evaluation.OneClassSvm;
import org.delvm.benchmark.evaluation.TrivialBaselines;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.TestPredictions;
import org.delvm.benchmark.run.AnomalyCellRunner;

/**
 * The floors every anomaly number should be read against, computed on each split a plan uses (in
 * seconds at most, so never stored or reused): flag every test sample; the squared distance to the
 * mean of the training beats, thresholded like the DELVMs (mean + std of the training scores); and
 * Tribuo's one-class SVM. Each is reported as a cell of its own, id {@code
 * <dataset>-s<splitSeed>-baseline-<name>}, series "baseline: ...", no coordinates.
 */
public final class Baselines {

  static final String EXPERIMENT = "Trivial baselines (same split; not in the paper)";

  /** The one-class SVM's nu: at most this share of the normal training samples is flagged. */
  static final double SVM_NU = 0.1;

  private Baselines() {}

  public static List<CellResult> of(String dataset, long splitSeed, EcgSplit split) {
    return of(dataset, splitSeed, "", split.train(), split.test(), split.testLabels());
  }

  /**
   * The baselines on any split: normal training samples, test samples and their labels (1 =
   * anomaly); {@code variant} tells apart several splits of one dataset and seed in the ids.
   */
  public static List<CellResult> of(
      String dataset,
      long splitSeed,
      String variant,
      float[][] train,
      float[][] test,
      int[] labels) {
    String prefix = dataset + "-s" + splitSeed + variant + "-baseline-";

    AnomalyMetrics all = TrivialBaselines.flagEverything(labels);
    double[] constant = new double[labels.length];
    CellResult flagAll =
        cell(
            prefix + "flag-all",
            dataset,
            splitSeed,
            "flag everything",
            "every test sample is flagged as an anomaly (one constant score)",
            "none (everything is flagged)",
            AnomalyCellRunner.anomalyMetrics(all, constant, labels, null, Map.of()),
            AnomalyCellRunner.flagged(constant, -1, labels));

    double[] mean = TrivialBaselines.mean(train);
    double[] trainScores = TrivialBaselines.squaredDistances(train, mean);
    double[] testScores = TrivialBaselines.squaredDistances(test, mean);
    AnomalyMetrics distance =
        AnomalyDetection.evaluate(
            trainScores,
            testScores,
            labels,
            new MeanPlusStdThresholdTrainer(1.0),
            "squared distance to the training mean");
    CellResult meanDistance =
        cell(
            prefix + "mean-distance",
            dataset,
            splitSeed,
            "distance to the training mean",
            "||x - mean of the normal training samples||^2",
            "mean + 1 std (population) of the normal training samples' scores",
            AnomalyCellRunner.anomalyMetrics(
                distance,
                testScores,
                labels,
                "threshold (mean + std of training distance)",
                Map.of()),
            AnomalyCellRunner.flagged(testScores, distance.threshold(), labels));
    OneClassSvm.Result svm = new OneClassSvm(SVM_NU, splitSeed).evaluate(train, test, labels);
    CellResult oneClassSvm =
        cell(
            prefix + "one-class-svm",
            dataset,
            splitSeed,
            "one-class SVM",
            "minus the decision value of Tribuo's one-class SVM (LibSVM, RBF kernel, gamma 1/d, nu "
                + SVM_NU
                + "), trained on the normal training samples",
            "the SVM's own boundary (decision value 0)",
            AnomalyCellRunner.anomalyMetrics(
                svm.metrics(), svm.testScores(), labels, null, Map.of()),
            AnomalyCellRunner.flagged(svm.testScores(), svm.metrics().threshold(), labels));
    return List.of(flagAll, meanDistance, oneClassSvm);
  }

  private static CellResult cell(
      String id,
      String dataset,
      long splitSeed,
      String name,
      String score,
      String threshold,
      List<MetricResult> metrics,
      TestPredictions predictions) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("anomaly score", score);
    settings.put("threshold", threshold);
    settings.put("split seed", Long.toString(splitSeed));
    settings.put("positive class", AnomalyCellRunner.POSITIVE_CLASS);
    return new CellResult(
            id,
            EXPERIMENT,
            dataset,
            "baseline: " + name,
            "-",
            settings,
            0,
            CellStatus.COMPLETED,
            "",
            0,
            0,
            List.of(),
            metrics,
            "baseline: " + name,
            Map.of())
        .withPredictions(predictions);
  }
}
