package org.delvm.benchmark.evaluation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.anomaly.Event;
import org.tribuo.provenance.ModelProvenance;

/**
 * A Tribuo anomaly detector over one feature, an anomaly score computed by an energy-based model
 * (e.g. the reconstruction error): a sample is anomalous when its score exceeds the threshold.
 * Being a real Tribuo model, it carries the provenance of the scores it was fitted on and of the
 * threshold rule.
 */
public final class ScoreThresholdModel extends Model<Event> {

  private static final long serialVersionUID = 1L;

  private final String scoreFeature;
  private final double threshold;

  ScoreThresholdModel(
      String name,
      ModelProvenance provenance,
      ImmutableFeatureMap featureIDMap,
      ImmutableOutputInfo<Event> outputIDInfo,
      String scoreFeature,
      double threshold) {
    super(name, provenance, featureIDMap, outputIDInfo, false);
    this.scoreFeature = scoreFeature;
    this.threshold = threshold;
  }

  public double threshold() {
    return threshold;
  }

  @Override
  public Prediction<Event> predict(Example<Event> example) {
    Feature score = example.lookup(scoreFeature);
    if (score == null) {
      throw new IllegalArgumentException(
          "example has no feature '" + scoreFeature + "', the score this detector thresholds");
    }
    Event.EventType type =
        score.getValue() > threshold ? Event.EventType.ANOMALOUS : Event.EventType.EXPECTED;
    return new Prediction<>(new Event(type, score.getValue()), 1, example);
  }

  @Override
  public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
    return Map.of(Model.ALL_OUTPUTS, n == 0 ? List.of() : List.of(new Pair<>(scoreFeature, 1.0)));
  }

  @Override
  public Optional<Excuse<Event>> getExcuse(Example<Event> example) {
    return Optional.empty();
  }

  @Override
  protected Model<Event> copy(String newName, ModelProvenance newProvenance) {
    return new ScoreThresholdModel(
        newName, newProvenance, featureIDMap, outputIDInfo, scoreFeature, threshold);
  }
}
