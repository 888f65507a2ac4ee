package org.delvm.benchmark.evaluation;

import java.util.List;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.anomaly.AnomalyFactory;
import org.tribuo.anomaly.Event;
import org.tribuo.anomaly.evaluation.AnomalyEvaluation;
import org.tribuo.anomaly.evaluation.AnomalyEvaluator;
import org.tribuo.anomaly.libsvm.LibSVMAnomalyTrainer;
import org.tribuo.anomaly.libsvm.SVMAnomalyType;
import org.tribuo.common.libsvm.KernelType;
import org.tribuo.common.libsvm.SVMParameters;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Tribuo's one-class SVM (LibSVM, RBF kernel) as an anomaly baseline: trained on the normal
 * training samples only, as the DELVMs are; it flags by its own decision function, so it needs no
 * threshold rule. The anomaly (label 1) is the positive class.
 */
public final class OneClassSvm {

  /**
   * LibSVM prints its optimisation progress ("*", "optimization finished, #iter = ...") to stdout
   * unconditionally, past Maven's -q; silence it once, for every use in this JVM.
   */
  static {
    libsvm.svm.svm_set_print_string_function(line -> {});
  }

  /**
   * @param metrics precision, recall and F1 of the SVM's own decisions (threshold 0)
   * @param testScores minus the decision value per test sample: higher is more anomalous (for AUROC
   *     and AUPRC)
   */
  public record Result(AnomalyMetrics metrics, double[] testScores) {}

  private static final AnomalyFactory FACTORY = new AnomalyFactory();

  private final double nu;
  private final long seed;

  /**
   * @param nu the upper bound on the share of training samples outside the boundary (LibSVM's nu)
   * @param seed LibSVM's random seed
   */
  public OneClassSvm(double nu, long seed) {
    if (!(nu > 0 && nu <= 1)) {
      throw new IllegalArgumentException("nu must be in (0, 1], got " + nu);
    }
    this.nu = nu;
    this.seed = seed;
  }

  /** Gamma of the RBF kernel: 1 / d, LibSVM's default. */
  public Result evaluate(float[][] normalTrain, float[][] test, int[] testLabels) {
    if (normalTrain.length == 0 || test.length != testLabels.length) {
      throw new IllegalArgumentException(
          "need normal training samples and one label per test sample, got "
              + normalTrain.length
              + " training, "
              + test.length
              + " test, "
              + testLabels.length
              + " labels");
    }
    int d = normalTrain[0].length;
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      names[j] = String.format("x%04d", j);
    }
    MutableDataset<Event> train =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("normal training samples", FACTORY), FACTORY);
    for (float[] x : normalTrain) {
      train.add(example(AnomalyFactory.EXPECTED_EVENT, names, x));
    }
    SVMParameters<Event> parameters =
        new SVMParameters<>(new SVMAnomalyType(SVMAnomalyType.SVMMode.ONE_CLASS), KernelType.RBF);
    parameters.setNu(nu);
    parameters.setGamma(1.0 / d);
    Model<Event> svm = new LibSVMAnomalyTrainer(parameters, seed).train(train);

    MutableDataset<Event> testSet =
        new MutableDataset<>(new SimpleDataSourceProvenance("test samples", FACTORY), FACTORY);
    for (int i = 0; i < test.length; i++) {
      Event truth =
          testLabels[i] == 1 ? AnomalyFactory.ANOMALOUS_EVENT : AnomalyFactory.EXPECTED_EVENT;
      testSet.add(example(truth, names, test[i]));
    }
    AnomalyEvaluation evaluation = new AnomalyEvaluator().evaluate(svm, testSet);
    List<Prediction<Event>> predictions = svm.predict(testSet);
    double[] scores = new double[test.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = -predictions.get(i).getOutput().getScore();
    }
    return new Result(AnomalyMetrics.of(0, evaluation), scores);
  }

  private static Example<Event> example(Event output, String[] names, float[] x) {
    double[] values = new double[x.length];
    for (int j = 0; j < x.length; j++) {
      values[j] = x[j];
    }
    return new ArrayExample<>(output, names, values);
  }
}
