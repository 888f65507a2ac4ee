package org.delvm.benchmark.evaluation;

import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.evaluation.AnomalyEvaluation;
import org.tribuo.anomaly.evaluation.AnomalyEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Semi-supervised anomaly detection from per-sample scores, evaluated with Tribuo: a threshold is
 * fitted on the scores of normal training samples, then test samples are flagged and compared with
 * their labels (1 = anomaly, the positive class).
 */
public final class AnomalyDetection {

  /** The name of the one feature the detector reads. */
  public static final String SCORE_FEATURE = "anomaly-score";

  private static final AnomalyFactory FACTORY = new AnomalyFactory();

  private AnomalyDetection() {}

  /**
   * @param trainScores scores of the normal training samples (they fit the threshold)
   * @param testScores scores of the test samples
   * @param testLabels 1 for an anomaly, 0 for a normal sample
   * @param scoreDescription where the scores come from, recorded in the data provenance
   */
  public static AnomalyMetrics evaluate(
      double[] trainScores,
      double[] testScores,
      int[] testLabels,
      MeanPlusStdThresholdTrainer thresholdRule,
      String scoreDescription) {
    return evaluate(
        trainScores, new double[0], testScores, testLabels, thresholdRule, scoreDescription);
  }

  /**
   * As above, for a threshold rule that also reads labelled anomalous training samples (the paper's
   * CIFAR-10 histogram rule).
   *
   * @param anomalousTrainScores scores of anomalous training samples, labelled as such; empty for a
   *     rule that sees normal samples only
   * @param thresholdRule fits a {@link ScoreThresholdModel} on the labelled training scores
   */
  public static AnomalyMetrics evaluate(
      double[] normalTrainScores,
      double[] anomalousTrainScores,
      double[] testScores,
      int[] testLabels,
      Trainer<Event> thresholdRule,
      String scoreDescription) {
    if (testScores.length != testLabels.length) {
      throw new IllegalArgumentException(
          testScores.length + " test scores but " + testLabels.length + " test labels");
    }
    MutableDataset<Event> train =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("training scores: " + scoreDescription, FACTORY),
            FACTORY);
    for (double score : normalTrainScores) {
      train.add(example(AnomalyFactory.EXPECTED_EVENT, score));
    }
    for (double score : anomalousTrainScores) {
      train.add(example(AnomalyFactory.ANOMALOUS_EVENT, score));
    }
    Model<Event> detector = thresholdRule.train(train);

    MutableDataset<Event> test =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("test scores: " + scoreDescription, FACTORY), FACTORY);
    for (int i = 0; i < testScores.length; i++) {
      Event truth =
          switch (testLabels[i]) {
            case 0 -> AnomalyFactory.EXPECTED_EVENT;
            case 1 -> AnomalyFactory.ANOMALOUS_EVENT;
            default ->
                throw new IllegalArgumentException(
                    "test label " + i + " is " + testLabels[i] + "; expected 0 (normal) or 1");
          };
      test.add(example(truth, testScores[i]));
    }
    AnomalyEvaluation evaluation = new AnomalyEvaluator().evaluate(detector, test);
    return AnomalyMetrics.of(((ScoreThresholdModel) detector).threshold(), evaluation);
  }

  private static Example<Event> example(Event output, double score) {
    return new ArrayExample<>(output, new String[] {SCORE_FEATURE}, new double[] {score});
  }
}
