package org.delvm.benchmark.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.ConfusionMetrics;
import org.tribuo.classification.evaluation.LabelConfusionMatrix;
import org.tribuo.evaluation.metrics.EvaluationMetric;
import org.tribuo.impl.ArrayExample;

/**
 * The paper's recognition accuracy: a softmax (multinomial logistic regression) classifier trained
 * on the training set's features and tested on the test set's. Features are standardised with the
 * training set's mean and standard deviation. The classifier is Tribuo's {@code LinearSGDTrainer}
 * with {@code LogMulticlass} and {@code AdaGrad(0.1, 0.1)}, minibatch 64, computed by {@link
 * SoftmaxRegression} to the same bits while streaming the rows (Tribuo would hold every example as
 * doubles twice over); Tribuo's confusion matrix and metrics score the test predictions.
 */
public final class LinearProbe {

  /**
   * @param accuracy percent of test samples classified correctly
   * @param perClassAccuracy recall of each class, percent, by class name
   * @param predicted the predicted class index of each test row, in order
   */
  public record Result(
      double accuracy,
      Map<String, Double> perClassAccuracy,
      int features,
      int trainSize,
      int testSize,
      int[] predicted) {}

  /** The optimiser's settings, for the report. */
  public static final String CLASSIFIER =
      "multinomial logistic regression as Tribuo's LinearSGDTrainer (LogMulticlass, AdaGrad 0.1,"
          + " epsilon 0.1, minibatch 64), rows streamed";

  private static final double LEARNING_RATE = 0.1;
  private static final double EPSILON = 0.1;
  private static final int MINIBATCH = 64;

  private final int epochs;
  private final long seed;

  public LinearProbe(int epochs, long seed) {
    if (epochs < 1) {
      throw new IllegalArgumentException("the linear probe needs >= 1 epoch, got " + epochs);
    }
    this.epochs = epochs;
    this.seed = seed;
  }

  /** Trains on in-memory (trainFeatures, trainLabels) and tests on the test set. */
  public Result evaluate(
      float[][] trainFeatures,
      int[] trainLabels,
      float[][] testFeatures,
      int[] testLabels,
      List<String> classNames) {
    return evaluate(
        FeatureRows.of(trainFeatures),
        trainLabels,
        FeatureRows.of(testFeatures),
        testLabels,
        classNames);
  }

  /** Trains on (train, trainLabels) and tests on the test rows; labels index classNames. */
  public Result evaluate(
      FeatureRows train,
      int[] trainLabels,
      FeatureRows test,
      int[] testLabels,
      List<String> classNames) {
    check("training", train, trainLabels, classNames);
    check("test", test, testLabels, classNames);
    if (test.width() != train.width()) {
      throw new IllegalArgumentException(
          "test rows have "
              + test.width()
              + " features, training rows "
              + train.width()
              + "; both must come from the same feature extractor");
    }
    Standardised standardiser = new Standardised(train);
    SoftmaxRegression model =
        SoftmaxRegression.train(
            standardiser,
            trainLabels,
            classNames.size(),
            new SoftmaxRegression.Settings(LEARNING_RATE, EPSILON, epochs, MINIBATCH, seed));

    List<Label> labels = new ArrayList<>();
    Map<Label, Integer> ids = new LinkedHashMap<>();
    for (String c : classNames) {
      labels.add(new Label(c));
      ids.put(labels.get(labels.size() - 1), ids.size());
    }
    ImmutableOutputInfo<Label> domain = new LabelFactory().constructInfoForExternalModel(ids);
    Standardised testRows = standardiser.sameScaling(test);
    float[] row = new float[test.width()];
    double[] scratch = new double[test.width() + 1];
    double[] probabilities = new double[classNames.size()];
    List<Prediction<Label>> predictions = new ArrayList<>(test.rows());
    int[] predictedClasses = new int[test.rows()];
    for (int i = 0; i < test.rows(); i++) {
      testRows.read(i, row);
      int predicted = model.predict(row, scratch, probabilities);
      predictedClasses[i] = predicted;
      // The confusion matrix reads only the truth (the example's output) and the prediction.
      predictions.add(
          new Prediction<>(
              new Label(classNames.get(predicted), probabilities[predicted]),
              test.width(),
              new ArrayExample<>(labels.get(testLabels[i]))));
    }
    LabelConfusionMatrix confusion = new LabelConfusionMatrix(domain, predictions);
    Map<String, Double> perClass = new LinkedHashMap<>();
    for (Label label : labels) {
      double recall =
          ConfusionMetrics.recall(
              confusion.tp(label), confusion.fp(label), confusion.tn(label), confusion.fn(label));
      perClass.put(label.getLabel(), 100 * recall);
    }
    return new Result(
        100 * ConfusionMetrics.accuracy(EvaluationMetric.Average.MICRO, confusion),
        perClass,
        train.width(),
        train.rows(),
        test.rows(),
        predictedClasses);
  }

  private static void check(String which, FeatureRows rows, int[] labels, List<String> classes) {
    if (rows.rows() != labels.length) {
      throw new IllegalArgumentException(
          "the " + which + " set has " + rows.rows() + " rows but " + labels.length + " labels");
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes.size()) {
        throw new IllegalArgumentException(
            which + " label " + i + " is " + labels[i] + "; expected 0.." + (classes.size() - 1));
      }
    }
  }

  /**
   * Rows standardised as they are read: (x - mean) / std per feature, with the training rows'
   * statistics (std floored at 1e-6), in float as the features are.
   */
  private static final class Standardised implements FeatureRows {
    private final FeatureRows rows;
    private final float[] mean;
    private final float[] scale;

    Standardised(FeatureRows rows) {
      this.rows = rows;
      int width = rows.width();
      double[] sum = new double[width];
      double[] sumSquares = new double[width];
      float[] row = new float[width];
      for (int i = 0; i < rows.rows(); i++) {
        rows.read(i, row);
        for (int j = 0; j < width; j++) {
          sum[j] += row[j];
          sumSquares[j] += (double) row[j] * row[j];
        }
      }
      mean = new float[width];
      scale = new float[width];
      for (int j = 0; j < width; j++) {
        double m = sum[j] / rows.rows();
        double variance = Math.max(0, sumSquares[j] / rows.rows() - m * m);
        mean[j] = (float) m;
        scale[j] = (float) (1 / Math.max(Math.sqrt(variance), 1e-6));
      }
    }

    private Standardised(FeatureRows rows, float[] mean, float[] scale) {
      this.rows = rows;
      this.mean = mean;
      this.scale = scale;
    }

    /** Other rows, scaled with these statistics. */
    Standardised sameScaling(FeatureRows other) {
      return new Standardised(other, mean, scale);
    }

    @Override
    public int rows() {
      return rows.rows();
    }

    @Override
    public int width() {
      return rows.width();
    }

    @Override
    public void read(int row, float[] into) {
      rows.read(row, into);
      for (int j = 0; j < into.length; j++) {
        into[j] = (into[j] - mean[j]) * scale[j];
      }
    }
  }
}
