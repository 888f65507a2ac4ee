package org.delvm.benchmark.report.stats;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.delvm.benchmark.report.TestPredictions;

/**
 * Percentile bootstrap over test samples (and over replicates where there are several), seeded so
 * that a report is the same every time it is rendered from the same results.
 */
public final class Bootstrap {

  /** Resamples per interval: enough for stable 2.5 % and 97.5 % percentiles (and Bonferroni's). */
  public static final int RESAMPLES = 4000;

  private Bootstrap() {}

  /**
   * Two replicates evaluated on test sets: {@code a} of the first cell, {@code b} of the second.
   * Paired when both saw the same test samples in the same order.
   */
  public record Pair(TestPredictions a, TestPredictions b) {

    public boolean paired() {
      return a.truth().equals(b.truth());
    }
  }

  /** The interval of one replicate's metric, over its resampled test samples. */
  public static Estimate ofSamples(SampleMetric metric, TestPredictions p, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] indices = new int[p.size()];
    double[] values = new double[RESAMPLES];
    for (int b = 0; b < RESAMPLES; b++) {
      draw(random, indices);
      values[b] = metric.on(p, indices);
    }
    Distribution d = new Distribution(metric.on(p), finiteSorted(values));
    double[] interval = d.interval(Estimate.LEVEL);
    return new Estimate(
        d.estimate(), interval[0], interval[1], p.size(), Estimate.Method.BOOTSTRAP);
  }

  /**
   * The bootstrap distribution of mean(metric(a) - metric(b)) over the pairs: each resample draws
   * the pairs with replacement (when there are several), then for each drawn pair the test samples
   * with replacement, the same samples for both cells when the pair is {@link Pair#paired()},
   * independent draws otherwise.
   */
  public static Distribution difference(SampleMetric metric, List<Pair> pairs, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int m = pairs.size();
    double estimate = 0;
    for (Pair pair : pairs) {
      estimate += (metric.on(pair.a()) - metric.on(pair.b())) / m;
    }
    double[] values = new double[RESAMPLES];
    int[][] indicesA = new int[m][];
    int[][] indicesB = new int[m][];
    for (int r = 0; r < m; r++) {
      indicesA[r] = new int[pairs.get(r).a().size()];
      indicesB[r] = pairs.get(r).paired() ? indicesA[r] : new int[pairs.get(r).b().size()];
    }
    for (int b = 0; b < RESAMPLES; b++) {
      double sum = 0;
      for (int j = 0; j < m; j++) {
        int r = m == 1 ? 0 : random.nextInt(m);
        Pair pair = pairs.get(r);
        draw(random, indicesA[r]);
        if (!pair.paired()) {
          draw(random, indicesB[r]);
        }
        sum += metric.on(pair.a(), indicesA[r]) - metric.on(pair.b(), indicesB[r]);
      }
      values[b] = sum / m;
    }
    return new Distribution(estimate, finiteSorted(values));
  }

  /**
   * A bootstrap distribution: the estimate on the data as they are, and the sorted finite resample
   * values (a resample where the metric is undefined, e.g. precision without a flagged sample, is
   * left out).
   */
  public record Distribution(double estimate, double[] sorted) {

    /** The percentile interval at {@code level}: {low, high}; NaNs when nothing is left. */
    public double[] interval(double level) {
      if (sorted.length == 0) {
        return new double[] {Double.NaN, Double.NaN};
      }
      double tail = (1 - level) / 2;
      int last = sorted.length - 1;
      return new double[] {
        sorted[(int) Math.floor(tail * last)], sorted[(int) Math.ceil((1 - tail) * last)]
      };
    }
  }

  private static void draw(SplittableRandom random, int[] indices) {
    for (int i = 0; i < indices.length; i++) {
      indices[i] = random.nextInt(indices.length);
    }
  }

  private static double[] finiteSorted(double[] values) {
    double[] finite = Arrays.stream(values).filter(Double::isFinite).toArray();
    Arrays.sort(finite);
    return finite;
  }
}
