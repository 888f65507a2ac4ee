package org.delvm.benchmark.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.Example;
import org.tribuo.ImmutableDataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableFeatureMap;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * The paper's recognition accuracy: a softmax (multinomial logistic regression) classifier trained
 * by Tribuo on the training set's features and tested on the test set's. Features are standardised
 * with the training set's mean and standard deviation; AdaGrad keeps the updates well scaled
 * (Tribuo's SGD multiplies summed minibatch gradients by the minibatch size).
 */
public final class LinearProbe {

  /**
   * @param accuracy percent of test samples classified correctly
   * @param perClassAccuracy recall of each class, percent, by class name
   */
  public record Result(
      double accuracy,
      Map<String, Double> perClassAccuracy,
      int features,
      int trainSize,
      int testSize) {}

  private static final LabelFactory LABELS = new LabelFactory();

  private final int epochs;
  private final long seed;

  public LinearProbe(int epochs, long seed) {
    if (epochs < 1) {
      throw new IllegalArgumentException("the linear probe needs >= 1 epoch, got " + epochs);
    }
    this.epochs = epochs;
    this.seed = seed;
  }

  /** Trains on (trainFeatures, trainLabels) and tests on the test set; labels index classNames. */
  public Result evaluate(
      float[][] trainFeatures,
      int[] trainLabels,
      float[][] testFeatures,
      int[] testLabels,
      List<String> classNames) {
    int width = trainFeatures[0].length;
    Standardiser standardiser = new Standardiser(trainFeatures);
    String[] names = new String[width];
    MutableFeatureMap map = new MutableFeatureMap();
    for (int j = 0; j < width; j++) {
      // Zero-padded, so that name order (Tribuo's) is index order.
      names[j] = String.format("f%07d", j);
      map.add(names[j], 0.0);
    }
    ImmutableFeatureMap features = new ImmutableFeatureMap(map);
    ImmutableDataset<Label> train =
        dataset(
            "training features",
            names,
            standardiser,
            trainFeatures,
            trainLabels,
            classNames,
            features);
    Model<Label> model =
        new LinearSGDTrainer(
                new LogMulticlass(), new AdaGrad(0.1, 0.1), epochs, Integer.MAX_VALUE, 64, seed)
            .train(train);
    ImmutableDataset<Label> test =
        dataset(
            "test features", names, standardiser, testFeatures, testLabels, classNames, features);
    LabelEvaluation evaluation = new LabelEvaluator().evaluate(model, test);
    Map<String, Double> perClass = new LinkedHashMap<>();
    for (String c : classNames) {
      perClass.put(c, 100 * evaluation.recall(new Label(c)));
    }
    return new Result(
        100 * evaluation.accuracy(), perClass, width, trainFeatures.length, testFeatures.length);
  }

  private static ImmutableDataset<Label> dataset(
      String description,
      String[] names,
      Standardiser standardiser,
      float[][] rows,
      int[] labels,
      List<String> classNames,
      ImmutableFeatureMap features) {
    List<Example<Label>> examples = new ArrayList<>(rows.length);
    for (int i = 0; i < rows.length; i++) {
      examples.add(
          new DenseFeatureExample<>(
              new Label(classNames.get(labels[i])), names, standardiser.apply(rows[i])));
    }
    ImmutableDataset<Label> dataset =
        new ImmutableDataset<>(
            examples,
            new SimpleDataSourceProvenance(description, LABELS),
            LABELS,
            features,
            LABELS.constructInfoForExternalModel(labelIds(classNames)),
            false);
    return dataset;
  }

  private static Map<Label, Integer> labelIds(List<String> classNames) {
    Map<Label, Integer> ids = new LinkedHashMap<>();
    for (int i = 0; i < classNames.size(); i++) {
      ids.put(new Label(classNames.get(i)), i);
    }
    return ids;
  }

  /** (x - mean) / std per feature, with the training set's statistics (std floored at 1e-6). */
  private static final class Standardiser {
    private final float[] mean;
    private final float[] scale;

    Standardiser(float[][] rows) {
      int width = rows[0].length;
      double[] sum = new double[width];
      double[] sumSquares = new double[width];
      for (float[] row : rows) {
        for (int j = 0; j < width; j++) {
          sum[j] += row[j];
          sumSquares[j] += (double) row[j] * row[j];
        }
      }
      mean = new float[width];
      scale = new float[width];
      for (int j = 0; j < width; j++) {
        double m = sum[j] / rows.length;
        double variance = Math.max(0, sumSquares[j] / rows.length - m * m);
        mean[j] = (float) m;
        scale[j] = (float) (1 / Math.max(Math.sqrt(variance), 1e-6));
      }
    }

    float[] apply(float[] row) {
      float[] out = new float[row.length];
      for (int j = 0; j < row.length; j++) {
        out[j] = (row[j] - mean[j]) * scale[j];
      }
      return out;
    }
  }
}
