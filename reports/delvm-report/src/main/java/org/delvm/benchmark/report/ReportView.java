package org.delvm.benchmark.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the HTML page shows, prepared from a {@link Reproduction}: cells grouped by experiment,
 * seeds aggregated (cells with the same series and coordinates differ only by seed), a status per
 * number, one SVG plot per experiment, the comparison of the two score-matching signs, timings and
 * the claims. The template only lays these out.
 */
public final class ReportView {

  /** |reproduced - paper| at most this many points: "reproduced" (the drift gate's 1 point). */
  public static final double REPRODUCED_BAND = 1.0;

  /**
   * |reproduced - paper| at most this many points: "within tolerance"; beyond: "not reproduced".
   */
  public static final double TOLERANCE_BAND = 3.0;

  /**
   * For a metric that is not a percentage (e.g. the VAE's RE and KL), the bands are relative:
   * |reproduced - paper| / |paper| at most this: "reproduced".
   */
  public static final double RELATIVE_REPRODUCED_BAND = 0.1;

  /** Relative, as above: at most this: "within tolerance"; beyond: "not reproduced". */
  public static final double RELATIVE_TOLERANCE_BAND = 0.5;

  public static final String REPRODUCED = "reproduced";
  public static final String WITHIN_TOLERANCE = "within tolerance";
  public static final String NOT_REPRODUCED = "not reproduced";
  public static final String NOT_REPORTED = "not reported by the paper";

  /** The objective with Hyvarinen's sign, and the one as the paper prints eq. (8). */
  public static final String SM = "sm";

  public static final String SM_PRINTED = "sm-printed";

  /**
   * One number of one group of cells (same experiment, series and coordinates; one cell per seed).
   *
   * @param cells the cells' ids
   * @param seeds how many cells have a value; {@code ofCells} how many there are
   * @param mean the mean over seeds (NaN when no cell has a value)
   * @param std the sample standard deviation over seeds (0 for one seed)
   * @param statusClass {@code ok}, {@code warn}, {@code bad} or {@code muted}, for the page's
   *     colours
   */
  public record Row(
      List<String> cells,
      String series,
      String coordinates,
      String metric,
      String unit,
      boolean main,
      Double paper,
      double mean,
      double std,
      int seeds,
      int ofCells,
      Double difference,
      String status,
      String statusClass) {}

  /**
   * One experiment of the paper: its plot (SVG, every text escaped; null without coordinates or
   * metrics) and its table, one list of rows per group of cells.
   */
  public record Experiment(
      String name,
      String anchor,
      String mainMetric,
      String xAxis,
      boolean logX,
      String plotSvg,
      List<List<Row>> groups,
      int cells) {}

  /** Timing and outcome of one cell. */
  public record Timing(
      String cell,
      String experiment,
      String series,
      long seed,
      String status,
      String message,
      double trainSeconds,
      double samplesPerSecond,
      int epochs,
      Double finalLoss) {}

  /** The two objectives at one setting: the main metric of each beside the paper's. */
  public record SignPair(
      String dataset,
      String coordinates,
      String metric,
      Double paper,
      double sm,
      double smStd,
      int smSeeds,
      double printed,
      double printedStd,
      int printedSeeds,
      String closer) {

    public double smDistance() {
      return paper == null ? Double.NaN : Math.abs(sm - paper);
    }

    public double printedDistance() {
      return paper == null ? Double.NaN : Math.abs(printed - paper);
    }
  }

  /**
   * {@code sm} against {@code sm-printed}.
   *
   * @param closer {@code sm}, {@code sm-printed}, {@code neither} (equal distances) or empty when
   *     the paper reports no value at these settings
   * @param smMeanDistance mean |sm - paper| over the pairs with a paper value
   */
  public record SignComparison(
      List<SignPair> pairs, String closer, double smMeanDistance, double printedMeanDistance) {}

  /** One claim of the paper and its verdict; {@code verdictClass} colours it. */
  public record Claim(
      String id,
      String text,
      String verdict,
      String verdictClass,
      String reason,
      String compared) {}

  private final Reproduction reproduction;
  private final List<Experiment> experiments;
  private final SignComparison signComparison;

  private ReportView(Reproduction reproduction) {
    this.reproduction = reproduction;
    this.experiments = buildExperiments(reproduction.cells());
    this.signComparison = buildSignComparison(reproduction.cells());
  }

  public static ReportView of(Reproduction reproduction) {
    return new ReportView(Objects.requireNonNull(reproduction));
  }

  public List<Experiment> experiments() {
    return experiments;
  }

  /** Null when the run has no cell of {@code sm} and of {@code sm-printed} at the same setting. */
  public SignComparison signComparison() {
    return signComparison;
  }

  public List<Timing> timings() {
    return reproduction.cells().stream()
        .map(
            c ->
                new Timing(
                    c.id(),
                    c.experiment(),
                    seriesOf(c),
                    c.seed(),
                    c.status(),
                    c.message() == null ? "" : c.message(),
                    c.trainSeconds(),
                    c.samplesPerSecond(),
                    c.epochLosses().size(),
                    c.epochLosses().isEmpty()
                        ? null
                        : c.epochLosses().get(c.epochLosses().size() - 1)))
        .toList();
  }

  /** The cells that did not complete. */
  public List<Timing> failures() {
    return timings().stream().filter(t -> !"completed".equals(t.status())).toList();
  }

  /** Number of cells per status, in order of first appearance. */
  public Map<String, Long> statusCounts() {
    return reproduction.cells().stream()
        .collect(
            Collectors.groupingBy(CellResult::status, LinkedHashMap::new, Collectors.counting()));
  }

  public double totalTrainSeconds() {
    return reproduction.cells().stream().mapToDouble(CellResult::trainSeconds).sum();
  }

  /** The numeric backend, from the environment entries that name it (empty if none do). */
  public String backend() {
    Map<String, String> env = reproduction.environment();
    List<String> parts = new ArrayList<>();
    env.forEach(
        (k, v) -> {
          if (k.toLowerCase(Locale.ROOT).contains("backend")) {
            parts.add(v);
          }
        });
    env.forEach(
        (k, v) -> {
          String key = k.toLowerCase(Locale.ROOT);
          if (key.contains("blas") || key.contains("device")) {
            parts.add(k + " " + v);
          }
        });
    return String.join(", ", parts);
  }

  public double reproducedBand() {
    return REPRODUCED_BAND;
  }

  public double toleranceBand() {
    return TOLERANCE_BAND;
  }

  public double relativeReproducedBand() {
    return RELATIVE_REPRODUCED_BAND;
  }

  public double relativeToleranceBand() {
    return RELATIVE_TOLERANCE_BAND;
  }

  /** The claims checklist: one row per claim of the paper the plan checks. */
  public List<Claim> claims() {
    return reproduction.claims().stream()
        .map(
            c -> {
              ClaimResult.Verdict v = c.verdict();
              String cls =
                  v == null
                      ? "muted"
                      : switch (v) {
                        case SUPPORTED -> "ok";
                        case NOT_SUPPORTED -> "bad";
                        case NOT_TESTABLE -> "muted";
                      };
              String compared =
                  c.compared().entrySet().stream()
                      .map(
                          e ->
                              e.getKey()
                                  + ": "
                                  + (e.getValue() == null
                                      ? "n/a"
                                      : String.format(Locale.ROOT, "%.2f", e.getValue())))
                      .collect(Collectors.joining("; "));
              return new Claim(
                  nullToEmpty(c.id()),
                  nullToEmpty(c.text()),
                  v == null ? "no verdict" : v.label(),
                  cls,
                  nullToEmpty(c.reason()),
                  compared);
            })
        .toList();
  }

  /** Claims per verdict label, in the order SUPPORTED, NOT SUPPORTED, NOT TESTABLE. */
  public Map<String, Long> claimCounts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ClaimResult.Verdict v : ClaimResult.Verdict.values()) {
      long n = reproduction.claims().stream().filter(c -> c.verdict() == v).count();
      if (n > 0) {
        counts.put(v.label(), n);
      }
    }
    return counts;
  }

  // ---------------------------------------------------------------------------------------------

  /**
   * The figure an experiment text belongs to: the text before its first ';' ("Fig. 7: ECG5000, F1
   * vs hidden units, one hidden layer; CD-DELVM, 30 epochs" belongs to "Fig. 7: ECG5000, F1 vs
   * hidden units, one hidden layer"), so that every series of a figure shares one plot.
   */
  static String figure(String experiment) {
    String text = nullToEmpty(experiment);
    int semicolon = text.indexOf(';');
    return semicolon < 0 ? text : text.substring(0, semicolon).trim();
  }

  private static List<Experiment> buildExperiments(List<CellResult> cells) {
    Map<String, List<CellResult>> byExperiment = new LinkedHashMap<>();
    for (CellResult c : cells) {
      byExperiment.computeIfAbsent(figure(c.experiment()), e -> new ArrayList<>()).add(c);
    }
    List<Experiment> out = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, List<CellResult>> e : byExperiment.entrySet()) {
      index++;
      List<CellResult> expCells = e.getValue();
      String main = mainMetric(expCells);
      List<List<CellResult>> groups = groups(expCells);
      List<List<Row>> rows = new ArrayList<>();
      for (List<CellResult> group : groups) {
        rows.add(rows(group, main));
      }
      String xKey = xKey(expCells);
      SvgPlot plot = null;
      if (main != null && xKey != null) {
        String unit = unitOf(expCells, main);
        plot = new SvgPlot(e.getKey(), xKey, main + (unit.isEmpty() ? "" : " (" + unit + ")"));
        if (unit.equals("%")) {
          plot.yBounds(0, 100);
        }
        for (List<CellResult> group : groups) {
          CellResult first = group.get(0);
          Double x = first.coordinates().get(xKey);
          if (x == null) {
            continue;
          }
          Row row = aggregate(group, main);
          plot.point(seriesOf(first), x, row.mean(), row.std());
          if (row.paper() != null) {
            plot.paperPoint(seriesOf(first), x, row.paper());
          }
        }
      }
      out.add(
          new Experiment(
              e.getKey(),
              "experiment-" + index,
              main == null ? "" : main,
              xKey == null ? "" : xKey,
              plot != null && plot.logX(),
              plot == null ? null : plot.render(),
              rows,
              expCells.size()));
    }
    return out;
  }

  /** F1 when the cells have it (anomaly detection), else the first metric the paper reports. */
  static String mainMetric(List<CellResult> cells) {
    String firstWithPaper = null;
    String first = null;
    for (CellResult c : cells) {
      for (MetricResult m : c.metrics()) {
        if (m.name().equals("F1")) {
          return "F1";
        }
        if (first == null) {
          first = m.name();
        }
        if (firstWithPaper == null && m.paper() != null) {
          firstWithPaper = m.name();
        }
      }
    }
    return firstWithPaper != null ? firstWithPaper : first;
  }

  /** The plot's x axis: the first coordinate whose value varies, else the first coordinate. */
  static String xKey(List<CellResult> cells) {
    Set<String> keys = new LinkedHashSet<>();
    cells.forEach(c -> keys.addAll(c.coordinates().keySet()));
    for (String key : keys) {
      long distinct =
          cells.stream()
              .map(c -> c.coordinates().get(key))
              .filter(Objects::nonNull)
              .distinct()
              .count();
      if (distinct > 1) {
        return key;
      }
    }
    return keys.isEmpty() ? null : keys.iterator().next();
  }

  /** Cells with the same series and coordinates, in order of first appearance. */
  static List<List<CellResult>> groups(List<CellResult> cells) {
    Map<List<Object>, List<CellResult>> groups = new LinkedHashMap<>();
    for (CellResult c : cells) {
      List<Object> key =
          c.coordinates().isEmpty()
              ? List.of(seriesOf(c), c.dataset(), c.objective(), c.model(), c.settings())
              : List.of(seriesOf(c), c.dataset(), c.coordinates());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
    }
    return new ArrayList<>(groups.values());
  }

  /** The group's main metric, then every other metric the paper reports. */
  private static List<Row> rows(List<CellResult> group, String main) {
    Set<String> names = new LinkedHashSet<>();
    if (main != null) {
      names.add(main);
    }
    for (CellResult c : group) {
      for (MetricResult m : c.metrics()) {
        if (m.paper() != null) {
          names.add(m.name());
        }
      }
    }
    if (names.isEmpty()) { // a failed group without metrics: one row says so
      names.add("");
    }
    return names.stream().map(n -> aggregate(group, n, n.equals(main))).toList();
  }

  /** One metric over the seeds of a group. */
  static Row aggregate(List<CellResult> group, String metric) {
    return aggregate(group, metric, false);
  }

  private static Row aggregate(List<CellResult> group, String metric, boolean main) {
    List<Double> values = new ArrayList<>();
    Double paper = null;
    String unit = "";
    for (CellResult c : group) {
      for (MetricResult m : c.metrics()) {
        if (m.name().equals(metric)) {
          if (Double.isFinite(m.value())) {
            values.add(m.value());
          }
          if (paper == null) {
            paper = m.paper();
          }
          unit = nullToEmpty(m.unit());
        }
      }
    }
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double std = 0;
    if (values.size() > 1) {
      double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
      std = Math.sqrt(ss / (values.size() - 1));
    }
    Double difference = paper == null || values.isEmpty() ? null : mean - paper;
    String status;
    String statusClass;
    if (values.isEmpty()) {
      status =
          group.stream()
              .map(CellResult::status)
              .filter(s -> !"completed".equals(s))
              .distinct()
              .collect(Collectors.joining(", "));
      status = status.isEmpty() ? "no value" : status;
      statusClass = "bad";
    } else if (paper == null) {
      status = NOT_REPORTED;
      statusClass = "muted";
    } else {
      status = unit.equals("%") ? status(difference) : relativeStatus(difference, paper);
      statusClass =
          status.equals(REPRODUCED) ? "ok" : status.equals(WITHIN_TOLERANCE) ? "warn" : "bad";
    }
    CellResult first = group.get(0);
    return new Row(
        group.stream().map(CellResult::id).toList(),
        seriesOf(first),
        coordinates(first.coordinates()),
        metric,
        unit,
        main,
        paper,
        mean,
        std,
        values.size(),
        group.size(),
        difference,
        status,
        statusClass);
  }

  /** The band a difference from the paper falls in. */
  public static String status(double difference) {
    double d = Math.abs(difference);
    if (d <= REPRODUCED_BAND) {
      return REPRODUCED;
    }
    return d <= TOLERANCE_BAND ? WITHIN_TOLERANCE : NOT_REPRODUCED;
  }

  /** The band a difference falls in, relative to the paper's value (metrics in their own units). */
  public static String relativeStatus(double difference, double paper) {
    double d = paper == 0 ? Math.abs(difference) : Math.abs(difference / paper);
    if (d <= RELATIVE_REPRODUCED_BAND) {
      return REPRODUCED;
    }
    return d <= RELATIVE_TOLERANCE_BAND ? WITHIN_TOLERANCE : NOT_REPRODUCED;
  }

  private static SignComparison buildSignComparison(List<CellResult> cells) {
    Map<List<Object>, List<CellResult>> sm = new LinkedHashMap<>();
    Map<List<Object>, List<CellResult>> printed = new LinkedHashMap<>();
    for (CellResult c : cells) {
      List<Object> key = List.of(nullToEmpty(c.dataset()), c.coordinates());
      if (SM.equals(c.objective())) {
        sm.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
      } else if (SM_PRINTED.equals(c.objective())) {
        printed.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
      }
    }
    List<SignPair> pairs = new ArrayList<>();
    double smSum = 0;
    double printedSum = 0;
    int withPaper = 0;
    for (Map.Entry<List<Object>, List<CellResult>> e : sm.entrySet()) {
      List<CellResult> other = printed.get(e.getKey());
      if (other == null) {
        continue;
      }
      List<CellResult> both = new ArrayList<>(e.getValue());
      both.addAll(other);
      String metric = mainMetric(both);
      if (metric == null) {
        continue;
      }
      Row a = aggregate(e.getValue(), metric);
      Row b = aggregate(other, metric);
      Double paper = a.paper() != null ? a.paper() : b.paper();
      String closer = "";
      if (paper != null && a.seeds() > 0 && b.seeds() > 0) {
        double da = Math.abs(a.mean() - paper);
        double db = Math.abs(b.mean() - paper);
        closer = closer(da, db);
        smSum += da;
        printedSum += db;
        withPaper++;
      }
      pairs.add(
          new SignPair(
              e.getValue().get(0).dataset(),
              coordinates(e.getValue().get(0).coordinates()),
              metric,
              paper,
              a.mean(),
              a.std(),
              a.seeds(),
              b.mean(),
              b.std(),
              b.seeds(),
              closer));
    }
    if (pairs.isEmpty()) {
      return null;
    }
    if (withPaper == 0) {
      return new SignComparison(pairs, "", Double.NaN, Double.NaN);
    }
    double smMean = smSum / withPaper;
    double printedMean = printedSum / withPaper;
    return new SignComparison(pairs, closer(smMean, printedMean), smMean, printedMean);
  }

  private static String closer(double smDistance, double printedDistance) {
    if (Math.abs(smDistance - printedDistance) < 1e-9) {
      return "neither";
    }
    return smDistance < printedDistance ? SM : SM_PRINTED;
  }

  private static String unitOf(List<CellResult> cells, String metric) {
    for (CellResult c : cells) {
      for (MetricResult m : c.metrics()) {
        if (m.name().equals(metric)) {
          return nullToEmpty(m.unit());
        }
      }
    }
    return "";
  }

  static String seriesOf(CellResult c) {
    return c.series() == null || c.series().isEmpty() ? nullToEmpty(c.objective()) : c.series();
  }

  /** "hidden units 2048, layers 1". */
  static String coordinates(Map<String, Double> coordinates) {
    return coordinates.entrySet().stream()
        .map(e -> e.getKey() + " " + number(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  private static String number(Double v) {
    if (v == null) {
      return "";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString(v.longValue());
    }
    return String.format(Locale.ROOT, "%.4g", v);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
