package org.delvm.benchmark.evaluation;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import java.time.OffsetDateTime;
import java.util.Map;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.Trainer;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

/**
 * Fits the paper's ECG threshold: mean + k standard deviations (population std, k = 1 by default)
 * of the anomaly scores of the normal training samples. Training data must be the scores of normal
 * samples, each an example with the single feature {@link AnomalyDetection#SCORE_FEATURE}.
 */
public final class MeanPlusStdThresholdTrainer implements Trainer<Event> {

  @Config(description = "Number of standard deviations above the mean training score.")
  private double stdMultiplier = 1.0;

  private int invocationCount = 0;

  /** For OLCUT configuration. */
  private MeanPlusStdThresholdTrainer() {}

  public MeanPlusStdThresholdTrainer(double stdMultiplier) {
    this.stdMultiplier = stdMultiplier;
  }

  @Override
  public synchronized Model<Event> train(
      Dataset<Event> examples, Map<String, Provenance> runProvenance) {
    if (examples.size() == 0) {
      throw new IllegalArgumentException("cannot fit a threshold on an empty training set");
    }
    double sum = 0;
    double sumSquares = 0;
    for (Example<Event> example : examples) {
      Feature score = example.lookup(AnomalyDetection.SCORE_FEATURE);
      if (score == null) {
        throw new IllegalArgumentException(
            "training example without feature '" + AnomalyDetection.SCORE_FEATURE + "'");
      }
      sum += score.getValue();
      sumSquares += score.getValue() * score.getValue();
    }
    int n = examples.size();
    double mean = sum / n;
    double std = Math.sqrt(Math.max(0, sumSquares / n - mean * mean));
    double threshold = mean + stdMultiplier * std;

    TrainerProvenance trainerProvenance = getProvenance();
    ModelProvenance provenance =
        new ModelProvenance(
            ScoreThresholdModel.class.getName(),
            OffsetDateTime.now(),
            examples.getProvenance(),
            trainerProvenance,
            runProvenance);
    invocationCount++;
    return new ScoreThresholdModel(
        "mean+" + stdMultiplier + "std-threshold",
        provenance,
        new ImmutableFeatureMap(examples.getFeatureMap()),
        examples.getOutputIDInfo(),
        AnomalyDetection.SCORE_FEATURE,
        threshold);
  }

  @Override
  public int getInvocationCount() {
    return invocationCount;
  }

  @Override
  public TrainerProvenance getProvenance() {
    return new TrainerProvenanceImpl(this);
  }

  @Override
  public String toString() {
    return "MeanPlusStdThresholdTrainer(stdMultiplier=" + stdMultiplier + ")";
  }
}
