package org.delvm.benchmark.report.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.delvm.benchmark.report.AggregateMetric;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.ReplicateGroup;

/**
 * The one place where replicates become aggregates: a mean with a 95 % interval and n per metric (a
 * t-interval over two or more replicates; for a single replicate a percentile bootstrap over its
 * test samples where the metric can be recomputed from them, else no interval), and whether the
 * group is evidence at all. Which cells are replicates of one another is the caller's to say.
 */
public final class Replicates {

  private Replicates() {}

  /** Aggregates the replicates {@code members} (in plan order) of the definition {@code id}. */
  public static ReplicateGroup aggregate(String id, List<CellResult> members) {
    CellResult first = members.get(0);
    List<CellResult> completed =
        members.stream().filter(c -> c.status() == CellStatus.COMPLETED).toList();
    List<String> problems = new ArrayList<>();
    for (CellResult c : members) {
      Degeneracy.of(c).ifPresent(why -> problems.add(c.id() + " " + why));
    }
    List<String> absent =
        members.stream()
            .filter(c -> c.status() != CellStatus.COMPLETED && c.status() != CellStatus.DIVERGED)
            .map(c -> c.id() + " " + c.status())
            .toList();
    ReplicateGroup.Status status;
    if (!problems.isEmpty()) {
      status = ReplicateGroup.Status.DEGENERATE;
    } else if (completed.isEmpty()) {
      status = ReplicateGroup.Status.MISSING;
    } else if (!absent.isEmpty()) {
      status = ReplicateGroup.Status.PARTIAL;
    } else {
      status = ReplicateGroup.Status.COMPLETE;
    }
    problems.addAll(absent);
    return new ReplicateGroup(
        id,
        first.experiment(),
        first.dataset(),
        first.objective(),
        first.series().isEmpty() ? first.objective() : first.series(),
        first.coordinates(),
        members.stream().map(CellResult::id).toList(),
        status,
        String.join("; ", problems),
        completed.isEmpty() ? List.of() : metrics(id, completed));
  }

  private static List<AggregateMetric> metrics(String id, List<CellResult> completed) {
    Map<String, MetricResult> names = new LinkedHashMap<>();
    completed.get(0).metrics().forEach(m -> names.putIfAbsent(m.name(), m));
    List<AggregateMetric> out = new ArrayList<>();
    for (MetricResult m : names.values()) {
      double[] values =
          completed.stream()
              .map(c -> value(c, m.name()))
              .flatMap(Optional::stream)
              .mapToDouble(Double::doubleValue)
              .toArray();
      if (values.length != completed.size()) {
        continue; // not reported by every replicate: nothing to aggregate like for like
      }
      out.add(
          new AggregateMetric(m.name(), m.unit(), estimate(id, m, values, completed), m.paper()));
    }
    return out;
  }

  private static Estimate estimate(
      String id, MetricResult m, double[] values, List<CellResult> completed) {
    if (values.length > 1) {
      Estimate t = Estimate.tInterval(values);
      // A rate cannot leave [0, 100]: a t-interval of few replicates may, so it is cut there.
      return "%".equals(m.unit())
          ? new Estimate(t.mean(), Math.max(0, t.low()), Math.min(100, t.high()), t.n(), t.method())
          : t;
    }
    CellResult only = completed.get(0);
    Optional<SampleMetric> resampled = SampleMetric.named(m.name());
    if (resampled.isEmpty() || only.predictions().isEmpty() || !Double.isFinite(m.value())) {
      return Estimate.single(m.value());
    }
    Estimate bootstrap =
        Bootstrap.ofSamples(resampled.get(), only.predictions(), seed(id + "/" + m.name()));
    // The cell's own number stays the point estimate; the bootstrap gives its interval.
    return new Estimate(
        m.value(), bootstrap.low(), bootstrap.high(), bootstrap.n(), bootstrap.method());
  }

  private static Optional<Double> value(CellResult cell, String name) {
    return cell.metrics().stream()
        .filter(m -> m.name().equals(name))
        .map(MetricResult::value)
        .findFirst();
  }

  /** A fixed seed per quantity, so that a report rendered twice shows the same intervals. */
  public static long seed(String what) {
    return what.hashCode() * 0x9E3779B97F4A7C15L;
  }
}
