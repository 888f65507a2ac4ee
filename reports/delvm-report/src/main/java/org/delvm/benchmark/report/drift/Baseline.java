package org.delvm.benchmark.report.drift;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.delvm.benchmark.report.AggregateMetric;
import org.delvm.benchmark.report.AtomicFiles;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.ReplicateGroup;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.report.stats.Estimate;

/**
 * The committed numbers a run is compared with: {@code reports/baselines/<plan>.json}.
 *
 * @param plan the plan's name
 * @param startedAt when the run the baseline was made from started
 * @param environment that run's machine, JVM and backend, to judge a drift that comes with a new
 *     machine
 * @param metrics the replicate mean per key {@code <groupId>/<metricName>} (a lone cell's group id
 *     is its cell id), in the run's order; {@code null} where the value was undefined (NaN or
 *     infinite: JSON has no such numbers)
 * @param oneSampleStep per key, how far one test sample flipping moves the metric, where the cell
 *     has confusion counts: the floor of every tolerance, since no rule can ask for more precision
 *     than the test set has
 * @param intervals per key, the 95 % interval of the mean and its n, where the run had one: what a
 *     rule with {@code baselineInterval} takes as its tolerance
 * @param claims each claim's verdict in that run, so that a change of verdict is reported
 */
public record Baseline(
    String plan,
    String startedAt,
    Map<String, String> environment,
    Map<String, Double> metrics,
    Map<String, Double> oneSampleStep,
    Map<String, Interval> intervals,
    Map<String, ClaimResult.Verdict> claims) {

  /** A baseline metric's 95 % interval and the n behind it. */
  public record Interval(double low, double high, int n) {

    public double halfWidth() {
      return (high - low) / 2;
    }
  }

  /** Confusion-count metric names, as the anomaly cells report them. */
  static final String TP = "true positives";

  static final String FP = "false positives";
  static final String FN = "false negatives";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          // A baseline written by a later version with more fields stays readable.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  public Baseline {
    Objects.requireNonNull(metrics, "a baseline needs its \"metrics\" object");
    // LinkedHashMap, not Map.copyOf: keeps the run's order and allows null (undefined) values.
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    environment = Collections.unmodifiableMap(new LinkedHashMap<>(orEmpty(environment)));
    oneSampleStep = Collections.unmodifiableMap(new LinkedHashMap<>(orEmpty(oneSampleStep)));
    intervals = Collections.unmodifiableMap(new LinkedHashMap<>(orEmpty(intervals)));
    claims = Collections.unmodifiableMap(new LinkedHashMap<>(orEmpty(claims)));
  }

  private static <V> Map<String, V> orEmpty(Map<String, V> map) {
    return map == null ? Map.of() : map;
  }

  /** The key of a metric: {@code <groupId>/<metricName>}. */
  public static String key(String groupId, String metricName) {
    return groupId + "/" + metricName;
  }

  /**
   * The baseline of a run: every replicate group's mean per metric with its interval, the
   * one-sample steps, and the claims' verdicts.
   */
  public static Baseline from(Reproduction run) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    Map<String, Double> steps = new LinkedHashMap<>();
    Map<String, Interval> intervals = new LinkedHashMap<>();
    for (ReplicateGroup group : run.groups()) {
      Map<String, MetricResult> byName = new LinkedHashMap<>();
      for (AggregateMetric m : group.metrics()) {
        Estimate e = m.estimate();
        String key = key(group.id(), m.name());
        byName.put(m.name(), new MetricResult(m.name(), e.mean(), m.paper(), m.unit()));
        metrics.put(key, Double.isFinite(e.mean()) ? e.mean() : null);
        if (e.hasInterval()) {
          intervals.put(key, new Interval(e.low(), e.high(), e.n()));
        }
      }
      oneSampleSteps(byName).forEach((name, step) -> steps.put(key(group.id(), name), step));
    }
    Map<String, ClaimResult.Verdict> claims = new LinkedHashMap<>();
    run.claims().forEach(c -> claims.put(c.id(), c.verdict()));
    return new Baseline(
        run.plan(), run.startedAt(), run.environment(), metrics, steps, intervals, claims);
  }

  /** The 95 % interval of a key's baseline mean, if the baseline has one. */
  public Optional<Interval> interval(String key) {
    return Optional.ofNullable(intervals.get(key));
  }

  /**
   * How far one test sample moves precision, recall and F1, from the cell's confusion counts:
   * precision = TP/(TP+FP) moves by about 1/(TP+FP), recall = TP/(TP+FN) by about 1/(TP+FN), and F1
   * by about the larger of the two. Scaled by 100 for metrics in percent.
   */
  private static Map<String, Double> oneSampleSteps(Map<String, MetricResult> byName) {
    Map<String, Double> steps = new LinkedHashMap<>();
    double tp = count(byName, TP);
    double fp = count(byName, FP);
    double fn = count(byName, FN);
    double precision = step(byName.get("precision"), tp + fp);
    double recall = step(byName.get("recall"), tp + fn);
    if (precision > 0) {
      steps.put("precision", precision);
    }
    if (recall > 0) {
      steps.put("recall", recall);
    }
    double f1 = Math.max(step(byName.get("F1"), tp + fp), step(byName.get("F1"), tp + fn));
    if (f1 > 0) {
      steps.put("F1", f1);
    }
    return steps;
  }

  private static double count(Map<String, MetricResult> byName, String name) {
    MetricResult m = byName.get(name);
    return m == null ? Double.NaN : m.value();
  }

  /** 1/n in the metric's unit, or 0 where the metric or a finite positive count is missing. */
  private static double step(MetricResult metric, double n) {
    if (metric == null || !Double.isFinite(n) || n <= 0) {
      return 0;
    }
    return ("%".equals(metric.unit()) ? 100.0 : 1.0) / n;
  }

  /** The one-sample step of a key, or 0 where none is known. */
  public double oneSampleStep(String key) {
    Double step = oneSampleStep.get(key);
    return step == null ? 0 : step;
  }

  /** The JSON document (with a final newline, so the committed file diffs cleanly). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this) + "\n";
    } catch (IOException e) {
      throw new ReportException("Cannot serialise the baseline of plan " + plan, e);
    }
  }

  /** Writes the baseline atomically, creating the directory if needed. */
  public void write(Path file) {
    AtomicFiles.writeString(file, toJson());
  }

  /**
   * Reads a baseline file. One without metrics would turn the gate off: it is refused like a file
   * that cannot be read.
   */
  public static Baseline read(Path file) {
    Baseline baseline;
    try {
      baseline = JSON.readValue(file.toFile(), Baseline.class);
    } catch (IOException e) {
      throw new ReportException(
          "Cannot read the baseline "
              + file
              + ": "
              + e.getMessage()
              + " (regenerate it with -Ddelvm.updateBaseline=true)",
          e);
    }
    if (baseline == null || baseline.metrics().isEmpty()) {
      throw new ReportException(
          "The baseline "
              + file
              + " holds no metrics, so the gate would check nothing: regenerate it from a run"
              + " that completed (-Ddelvm.updateBaseline=true)",
          null);
    }
    return baseline;
  }
}
