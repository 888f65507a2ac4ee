package org.delvm.benchmark.report.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.ReplicateGroup;

/**
 * The difference of one metric between two replicate groups, first minus second, with intervals at
 * any level. Replicates are paired by seed on the same test set; the interval comes from a paired
 * bootstrap over test samples (and over the pairs, where there are several) when the metric can be
 * recomputed from the cells' predictions, else from a paired t-interval over two or more pairs.
 *
 * @param replicates replicate pairs behind the difference
 * @param samples test samples per replicate (0 where unknown)
 * @param oneSample how far one test sample moves the metric (0 where unknown)
 * @param test how the interval is made
 */
public record Comparison(
    double difference,
    int replicates,
    int samples,
    double oneSample,
    String test,
    Intervals intervals) {

  /** Intervals of the difference by two-sided level. */
  @FunctionalInterface
  public interface Intervals {
    /** {low, high} at {@code level}. */
    double[] at(double level);
  }

  /** The 95 % interval. */
  public double[] interval() {
    return intervals.at(Estimate.LEVEL);
  }

  /**
   * The comparison of {@code metric} between the completed replicates of two groups; empty when
   * there is nothing to make an interval from (one replicate each and no per-sample predictions).
   */
  public static Optional<Comparison> of(
      String metric, List<CellResult> first, List<CellResult> second, long seed) {
    List<CellResult[]> pairs = pair(first, second);
    if (pairs.isEmpty()) {
      return Optional.empty();
    }
    Optional<SampleMetric> resampled = SampleMetric.named(metric);
    boolean predictions =
        pairs.stream()
            .allMatch(p -> !p[0].predictions().isEmpty() && !p[1].predictions().isEmpty());
    if (resampled.isPresent() && predictions) {
      return Optional.of(bootstrap(resampled.get(), pairs, seed));
    }
    if (pairs.size() < 2) {
      return Optional.empty();
    }
    double[] differences =
        pairs.stream().mapToDouble(p -> value(p[0], metric) - value(p[1], metric)).toArray();
    if (!java.util.Arrays.stream(differences).allMatch(Double::isFinite)) {
      return Optional.empty();
    }
    Estimate mean = Estimate.tInterval(differences);
    return Optional.of(
        new Comparison(
            mean.mean(),
            pairs.size(),
            0,
            0,
            "paired t-interval over " + pairs.size() + " replicate pairs",
            level -> {
              Estimate e = Estimate.tInterval(differences, level);
              return new double[] {e.low(), e.high()};
            }));
  }

  /** The completed replicates of a group, from the run's cells by id. */
  public static List<CellResult> completed(
      ReplicateGroup group, java.util.Map<String, CellResult> cells) {
    return group.cellIds().stream()
        .map(cells::get)
        .filter(c -> c != null && c.status() == CellStatus.COMPLETED)
        .toList();
  }

  private static Comparison bootstrap(SampleMetric metric, List<CellResult[]> pairs, long seed) {
    List<Bootstrap.Pair> samples =
        pairs.stream()
            .map(p -> new Bootstrap.Pair(p[0].predictions(), p[1].predictions()))
            .toList();
    Bootstrap.Distribution d = Bootstrap.difference(metric, samples, seed);
    boolean paired = samples.stream().allMatch(Bootstrap.Pair::paired);
    double oneSample =
        samples.stream()
            .mapToDouble(p -> Math.max(metric.oneSampleStep(p.a()), metric.oneSampleStep(p.b())))
            .max()
            .orElse(0);
    String test =
        (paired ? "paired" : "unpaired (different test sets)")
            + " bootstrap over test samples"
            + (pairs.size() > 1 ? " and " + pairs.size() + " replicate pairs" : "")
            + ", "
            + Bootstrap.RESAMPLES
            + " resamples";
    return new Comparison(
        d.estimate(), pairs.size(), samples.get(0).a().size(), oneSample, test, d::interval);
  }

  /**
   * Pairs each replicate of {@code first} with one of {@code second}: the same seed on the same
   * test set where there is one, else the next unused replicate on the same test set, else the next
   * unused one.
   */
  static List<CellResult[]> pair(List<CellResult> first, List<CellResult> second) {
    List<CellResult> left = new ArrayList<>(second);
    List<CellResult[]> pairs = new ArrayList<>();
    for (CellResult a : first) {
      Optional<CellResult> match =
          left.stream()
              .filter(b -> sameTestSet(a, b) && a.seed() == b.seed())
              .findFirst()
              .or(() -> left.stream().filter(b -> sameTestSet(a, b)).findFirst())
              .or(() -> left.stream().findFirst());
      match.ifPresent(
          b -> {
            left.remove(b);
            pairs.add(new CellResult[] {a, b});
          });
    }
    return pairs;
  }

  private static boolean sameTestSet(CellResult a, CellResult b) {
    return a.predictions().truth().equals(b.predictions().truth());
  }

  private static double value(CellResult cell, String metric) {
    return cell.metrics().stream()
        .filter(m -> m.name().equals(metric))
        .mapToDouble(MetricResult::value)
        .findFirst()
        .orElse(Double.NaN);
  }
}
