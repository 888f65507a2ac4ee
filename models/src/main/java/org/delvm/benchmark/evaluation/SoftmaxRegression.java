package org.delvm.benchmark.evaluation;

import java.util.SplittableRandom;

/**
 * Multinomial logistic regression trained exactly as Tribuo's {@code LinearSGDTrainer} trains it
 * with {@code LogMulticlass} and {@code AdaGrad}: the same bias feature, shuffle, minibatch sums,
 * optimiser step and the same order of every floating-point operation, so that both give the same
 * weights to the last bit (checked in the tests). The difference is memory: Tribuo copies every
 * example into a vector of doubles before the first epoch (8 bytes per feature, 30 GB for the
 * paper's largest Fashion-MNIST probe), while this reads one row at a time from {@link
 * FeatureRows}.
 *
 * <p>Tribuo's quirks are kept on purpose: a minibatch's gradient is the sum over its examples times
 * the minibatch size, and AdaGrad weighs the step by (examples in the batch / minibatch size).
 */
final class SoftmaxRegression {

  private final int classes;
  private final int width;

  /** [class][feature], the bias in the last column, as Tribuo's LinearParameters. */
  private final double[][] weights;

  private SoftmaxRegression(int classes, int width) {
    this.classes = classes;
    this.width = width;
    this.weights = new double[classes][width + 1];
  }

  /** The optimiser's settings: AdaGrad's learning rate and epsilon, epochs, minibatch, seed. */
  record Settings(double learningRate, double epsilon, int epochs, int minibatch, long seed) {}

  /** Trains on every row of {@code rows}; {@code labels[i]} in [0, classes) is row i's class. */
  static SoftmaxRegression train(FeatureRows rows, int[] labels, int classes, Settings settings) {
    int n = rows.rows();
    SoftmaxRegression model = new SoftmaxRegression(classes, rows.width());
    int d = rows.width() + 1;
    double[][] squares = new double[classes][d];
    double[][] gradient = new double[classes][d];
    double[] x = new double[d];
    float[] row = new float[rows.width()];
    double[] g = new double[classes];
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    // Tribuo: the trainer's RNG is SplittableRandom(seed); each train() call splits it once.
    SplittableRandom random = new SplittableRandom(settings.seed()).split();
    int batch = settings.minibatch();
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      shuffle(order, random);
      for (int from = 0; from < n; from += batch) {
        int size = Math.min(batch, n - from);
        for (int k = 0; k < size; k++) {
          int i = order[from + k];
          rows.read(i, row);
          model.input(row, x);
          model.probabilities(x, g);
          // LogMulticlass's gradient of the log-likelihood: one-hot(label) - p.
          for (int c = 0; c < classes; c++) {
            g[c] = -g[c];
          }
          g[labels[i]] += 1.0;
          for (int c = 0; c < classes; c++) {
            double[] gc = gradient[c];
            double scale = g[c];
            if (k == 0) {
              for (int j = 0; j < d; j++) {
                gc[j] = x[j] * scale;
              }
            } else {
              for (int j = 0; j < d; j++) {
                gc[j] += x[j] * scale;
              }
            }
          }
        }
        double weight = (double) size / batch;
        double rate = weight * settings.learningRate();
        double weight2 = weight * weight;
        for (int c = 0; c < classes; c++) {
          double[] gc = gradient[c];
          double[] sc = squares[c];
          double[] wc = model.weights[c];
          for (int j = 0; j < d; j++) {
            double a = gc[j] * batch;
            sc[j] += weight2 * a * a;
            wc[j] += a * (rate / (settings.epsilon() + Math.sqrt(sc[j])));
          }
        }
      }
    }
    return model;
  }

  int classes() {
    return classes;
  }

  int width() {
    return width;
  }

  /**
   * Fills {@code scratch} (length width + 1) from {@code row} and {@code probabilities} (length
   * classes) with the model's class probabilities; returns the most probable class (the first of
   * equals, as Tribuo).
   */
  int predict(float[] row, double[] scratch, double[] probabilities) {
    input(row, scratch);
    probabilities(scratch, probabilities);
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (probabilities[c] > probabilities[best]) {
        best = c;
      }
    }
    return best;
  }

  /** Tribuo's dense vector of an example: the features as doubles, then the bias feature 1. */
  private void input(float[] row, double[] x) {
    for (int j = 0; j < width; j++) {
      x[j] = row[j];
    }
    x[width] = 1.0;
  }

  /**
   * Softmax of W x, each class's dot product summed in feature order as Tribuo's DenseMatrix does;
   * four classes at a time, so that four independent sums keep the CPU busy.
   */
  private void probabilities(double[] x, double[] p) {
    int d = x.length;
    int c = 0;
    for (; c + 4 <= classes; c += 4) {
      double[] w0 = weights[c];
      double[] w1 = weights[c + 1];
      double[] w2 = weights[c + 2];
      double[] w3 = weights[c + 3];
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      for (int j = 0; j < d; j++) {
        double xj = x[j];
        s0 += w0[j] * xj;
        s1 += w1[j] * xj;
        s2 += w2[j] * xj;
        s3 += w3[j] * xj;
      }
      p[c] = s0;
      p[c + 1] = s1;
      p[c + 2] = s2;
      p[c + 3] = s3;
    }
    for (; c < classes; c++) {
      double[] w = weights[c];
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += w[j] * x[j];
      }
      p[c] = s;
    }
    // Tribuo's ExpNormalizer.
    double max = -Double.MAX_VALUE;
    for (int k = 0; k < classes; k++) {
      if (max < p[k]) {
        max = p[k];
      }
    }
    double sum = 0.0;
    for (int k = 0; k < classes; k++) {
      p[k] = Math.exp(p[k] - max);
      sum += p[k];
    }
    for (int k = 0; k < classes; k++) {
      p[k] /= sum;
    }
  }

  /** Tribuo's shuffleInPlace: Fisher-Yates from the end, applied to the previous epoch's order. */
  private static void shuffle(int[] order, SplittableRandom random) {
    for (int i = order.length; i > 1; i--) {
      int j = random.nextInt(i);
      int t = order[i - 1];
      order[i - 1] = order[j];
      order[j] = t;
    }
  }
}
