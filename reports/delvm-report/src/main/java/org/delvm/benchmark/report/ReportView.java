package org.delvm.benchmark.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.delvm.benchmark.report.stats.Estimate;

/**
 * What the HTML page shows, prepared from a {@link Reproduction}: its replicate groups by
 * experiment (each number a mean with its 95 % interval and n, from {@link
 * Reproduction#replicates()}), whether each paper number lies inside the interval, one SVG plot per
 * experiment, the comparison of the two score-matching signs, timings and the claims. The template
 * only lays these out.
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
  public static final String INSIDE = "inside the 95% CI";

  /** The objective with Hyvarinen's sign, and the one as the paper prints eq. (8). */
  public static final String SM = "sm";

  public static final String SM_PRINTED = "sm-printed";

  /**
   * One number of one replicate group.
   *
   * @param cells the replicates' ids
   * @param estimate the mean with its 95 % interval and n; null when no replicate has a value
   * @param replicates how many replicates have a value; {@code ofCells} how many there are
   * @param status where the paper's number lies against the interval (or, without an interval, the
   *     band of the difference), or why there is no value
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
      Estimate estimate,
      int replicates,
      int ofCells,
      Double difference,
      String status,
      String statusClass) {

    public double mean() {
      return estimate == null ? Double.NaN : estimate.mean();
    }
  }

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
      CellStatus status,
      String message,
      double trainSeconds,
      double samplesPerSecond,
      int epochs,
      Double finalLoss,
      double wallSeconds,
      double predictedSeconds) {

    /** Measured wall time over the cost model's prediction; NaN without both. */
    public double ratio() {
      return wallSeconds > 0 && predictedSeconds > 0 ? wallSeconds / predictedSeconds : Double.NaN;
    }
  }

  /**
   * The cost model against this report's cells: those that ran with a prediction, how many took
   * within 25 % of it, and the median of measured over predicted.
   */
  public record CostCheck(int cells, int within25, double medianRatio) {}

  /** The two objectives at one setting: the main metric of each beside the paper's. */
  public record SignPair(
      String dataset,
      String coordinates,
      String metric,
      Double paper,
      Row sm,
      Row printed,
      String closer) {

    public double smDistance() {
      return paper == null ? Double.NaN : Math.abs(sm.mean() - paper);
    }

    public double printedDistance() {
      return paper == null ? Double.NaN : Math.abs(printed.mean() - paper);
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

  /**
   * One claim of the paper and its verdict; {@code verdictClass} colours it; {@code evidence} is
   * null when the claim was not testable.
   */
  public record Claim(
      String id,
      String text,
      String verdict,
      String verdictClass,
      String reason,
      String compared,
      ClaimResult.Evidence evidence) {}

  private final Reproduction reproduction;
  private final List<ReplicateGroup> groups;
  private final List<Experiment> experiments;
  private final SignComparison signComparison;

  private ReportView(Reproduction reproduction) {
    this.reproduction = reproduction;
    this.groups = reproduction.groups();
    this.experiments = buildExperiments(groups);
    this.signComparison = buildSignComparison(groups);
  }

  public static ReportView of(Reproduction reproduction) {
    return new ReportView(Objects.requireNonNull(reproduction));
  }

  public List<Experiment> experiments() {
    return experiments;
  }

  /** The CD-collapse section; null when no cell recorded per-epoch diagnostics. */
  public CollapseDiagnostics.Section collapse() {
    return CollapseDiagnostics.of(reproduction.cells()).orElse(null);
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
                        : c.epochLosses().get(c.epochLosses().size() - 1),
                    c.provenance().wallSeconds(),
                    c.provenance().predictedSeconds()))
        .toList();
  }

  public CostCheck costCheck() {
    double[] ratios =
        timings().stream()
            .mapToDouble(Timing::ratio)
            .filter(r -> !Double.isNaN(r))
            .sorted()
            .toArray();
    if (ratios.length == 0) {
      return new CostCheck(0, 0, Double.NaN);
    }
    int within = (int) java.util.Arrays.stream(ratios).filter(r -> Math.abs(r - 1) <= 0.25).count();
    int m = ratios.length / 2;
    double median = ratios.length % 2 == 1 ? ratios[m] : (ratios[m - 1] + ratios[m]) / 2;
    return new CostCheck(ratios.length, within, median);
  }

  /** The cells that did not complete. */
  public List<Timing> failures() {
    return timings().stream().filter(t -> t.status() != CellStatus.COMPLETED).toList();
  }

  /** Number of cells per status, in order of first appearance. */
  public Map<String, Long> statusCounts() {
    return reproduction.cells().stream()
        .collect(
            Collectors.groupingBy(
                c -> c.status().label(), LinkedHashMap::new, Collectors.counting()));
  }

  public double totalTrainSeconds() {
    return reproduction.cells().stream().mapToDouble(CellResult::trainSeconds).sum();
  }

  /**
   * Why the report's cells may not be comparable: one line when they came from more than one code
   * version (commit, dirty flag or code hash), one when they came from more than one machine. Empty
   * when every cell that records provenance agrees (results stored before it are left out).
   */
  public List<String> provenanceWarnings() {
    List<Provenance> recorded =
        reproduction.cells().stream()
            .map(CellResult::provenance)
            .filter(Provenance::recorded)
            .toList();
    Map<String, Long> versions =
        recorded.stream()
            .collect(
                Collectors.groupingBy(
                    p -> p.codeVersion() + ", code " + shortHash(p.codeSha256()),
                    LinkedHashMap::new,
                    Collectors.counting()));
    Map<String, Long> machines =
        recorded.stream()
            .collect(
                Collectors.groupingBy(
                    Provenance::machine, LinkedHashMap::new, Collectors.counting()));
    List<String> warnings = new ArrayList<>();
    if (versions.size() > 1) {
      warnings.add(
          "The cells come from "
              + versions.size()
              + " code versions: "
              + counted(versions)
              + ". Their numbers may differ for that reason alone.");
    }
    if (machines.size() > 1) {
      warnings.add(
          "The cells come from "
              + machines.size()
              + " machines: "
              + counted(machines)
              + ". Timings are not comparable across them, and numbers can differ in the last"
              + " digits.");
    }
    return warnings;
  }

  private static String shortHash(String sha256) {
    return sha256.substring(0, Math.min(12, sha256.length()));
  }

  private static String counted(Map<String, Long> counts) {
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " (" + e.getValue() + " cell(s))")
        .collect(Collectors.joining("; "));
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

  /** One paper number on the scoreboard, where its row in the experiment tables has the details. */
  public record Headline(String experiment, String anchor, Row row) {}

  /** Every number the paper reports beside its reproduction: the report's first screen. */
  public List<Headline> scoreboard() {
    List<Headline> out = new ArrayList<>();
    for (Experiment e : experiments) {
      for (List<Row> group : e.groups()) {
        group.stream()
            .filter(r -> r.paper() != null)
            .forEach(r -> out.add(new Headline(e.name(), e.anchor(), r)));
      }
    }
    return out;
  }

  /** How many paper numbers lie inside their reproduced 95 % interval, of those with one. */
  public long paperNumbersInside() {
    return scoreboard().stream().filter(h -> INSIDE.equals(h.row().status())).count();
  }

  /**
   * One group compared with confusion counts the paper's numbers imply (the ECG protocols).
   *
   * @param rows precision, recall, F1 and the counts, each beside the paper's
   * @param meanHalfWidthsOutside how far outside the intervals the paper's numbers lie on average,
   *     in half-widths (0: all inside); NaN where an interval is missing
   * @param thresholdsWithinIntervals the sweep's threshold rules that bring all three implied
   *     counts inside the reproduced intervals
   */
  public record ProtocolRow(
      String experiment,
      String group,
      List<Row> rows,
      double meanHalfWidthsOutside,
      List<String> thresholdsWithinIntervals) {}

  /** The names of the metrics a protocol row compares. */
  private static final List<String> PROTOCOL_METRICS =
      List.of("precision", "recall", "F1", "true positives", "false positives", "false negatives");

  /** The groups that carry the paper's implied confusion counts, closest to the paper first. */
  public List<ProtocolRow> protocolComparison() {
    List<ProtocolRow> out = new ArrayList<>();
    for (ReplicateGroup g : groups) {
      boolean counts = g.metric("true positives").map(m -> m.paper() != null).orElse(false);
      if (!counts) {
        continue;
      }
      List<Row> rows =
          PROTOCOL_METRICS.stream().map(name -> row(g, name, name.equals("F1"))).toList();
      double outside =
          PROTOCOL_METRICS.stream()
              .flatMap(name -> g.metric(name).stream())
              .mapToDouble(AggregateMetric::paperHalfWidthsOutside)
              .average()
              .orElse(Double.NaN);
      out.add(new ProtocolRow(figure(g.experiment()), g.id(), rows, outside, thresholdsWithin(g)));
    }
    out.sort(
        java.util.Comparator.comparingDouble(
            r ->
                Double.isNaN(r.meanHalfWidthsOutside())
                    ? Double.MAX_VALUE
                    : r.meanHalfWidthsOutside()));
    return out;
  }

  /**
   * The threshold rules of a group's sensitivity sweep (metrics named {@code "true positives (k 2,
   * squared error)"} and so on) under which all three of the paper's implied counts lie inside the
   * reproduced intervals, e.g. {@code "k 2, squared error"}.
   */
  static List<String> thresholdsWithin(ReplicateGroup g) {
    String prefix = "true positives (";
    List<String> rules = new ArrayList<>();
    for (AggregateMetric m : g.metrics()) {
      if (!m.name().startsWith(prefix) || !m.name().endsWith(")")) {
        continue;
      }
      String rule = m.name().substring(prefix.length(), m.name().length() - 1);
      boolean inside =
          List.of("true positives", "false positives", "false negatives").stream()
              .map(c -> g.metric(c + " (" + rule + ")"))
              .allMatch(c -> c.isPresent() && Boolean.TRUE.equals(c.get().paperInside()));
      if (inside) {
        rules.add(rule);
      }
    }
    return rules;
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
                        case CONTRADICTED -> "bad";
                        case INCONCLUSIVE -> "warn";
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
                  compared,
                  c.evidence());
            })
        .toList();
  }

  /** Claims per verdict label, in the verdicts' order. */
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

  private static List<Experiment> buildExperiments(List<ReplicateGroup> groups) {
    Map<String, List<ReplicateGroup>> byExperiment = new LinkedHashMap<>();
    for (ReplicateGroup g : groups) {
      byExperiment.computeIfAbsent(figure(g.experiment()), e -> new ArrayList<>()).add(g);
    }
    List<Experiment> out = new ArrayList<>();
    int index = 0;
    for (Map.Entry<String, List<ReplicateGroup>> e : byExperiment.entrySet()) {
      index++;
      List<ReplicateGroup> expGroups = e.getValue();
      String main = mainMetric(expGroups);
      List<List<Row>> rows = expGroups.stream().map(g -> rows(g, main)).toList();
      String xKey = xKey(expGroups);
      SvgPlot plot = null;
      if (main != null && xKey != null) {
        String unit = unitOf(expGroups, main);
        plot = new SvgPlot(e.getKey(), xKey, main + (unit.isEmpty() ? "" : " (" + unit + ")"));
        if (unit.equals("%")) {
          plot.yBounds(0, 100);
        }
        for (ReplicateGroup g : expGroups) {
          Double x = g.coordinates().get(xKey);
          Optional<AggregateMetric> m = g.metric(main);
          if (x == null || m.isEmpty()) {
            continue;
          }
          Estimate est = m.get().estimate();
          plot.point(g.series(), x, est.mean(), est.hasInterval() ? est.halfWidth() : 0);
          if (m.get().paper() != null) {
            plot.paperPoint(g.series(), x, m.get().paper());
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
              expGroups.stream().mapToInt(g -> g.cellIds().size()).sum()));
    }
    return out;
  }

  /** F1 when the groups have it (anomaly detection), else the first metric the paper reports. */
  static String mainMetric(List<ReplicateGroup> groups) {
    String firstWithPaper = null;
    String first = null;
    for (ReplicateGroup g : groups) {
      for (AggregateMetric m : g.metrics()) {
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
  static String xKey(List<ReplicateGroup> groups) {
    Set<String> keys = new LinkedHashSet<>();
    groups.forEach(g -> keys.addAll(g.coordinates().keySet()));
    for (String key : keys) {
      long distinct =
          groups.stream()
              .map(g -> g.coordinates().get(key))
              .filter(Objects::nonNull)
              .distinct()
              .count();
      if (distinct > 1) {
        return key;
      }
    }
    return keys.isEmpty() ? null : keys.iterator().next();
  }

  /** The group's main metric, then every other metric the paper reports. */
  private static List<Row> rows(ReplicateGroup group, String main) {
    Set<String> names = new LinkedHashSet<>();
    if (main != null) {
      names.add(main);
    }
    group.metrics().stream().filter(m -> m.paper() != null).forEach(m -> names.add(m.name()));
    if (names.isEmpty()) { // a failed group without metrics: one row says so
      names.add("");
    }
    return names.stream().map(n -> row(group, n, n.equals(main))).toList();
  }

  /** One metric of a group. */
  static Row row(ReplicateGroup group, String metric, boolean main) {
    Optional<AggregateMetric> m = group.metric(metric);
    String status;
    String statusClass;
    Double paper = m.map(AggregateMetric::paper).orElse(null);
    Estimate estimate = m.map(AggregateMetric::estimate).orElse(null);
    Double difference = paper == null || estimate == null ? null : estimate.mean() - paper;
    if (estimate == null || !Double.isFinite(estimate.mean())) {
      status = group.reason().isEmpty() ? "no value" : group.reason();
      statusClass = "bad";
    } else if (paper == null) {
      status = NOT_REPORTED;
      statusClass = "muted";
    } else if (estimate.hasInterval()) {
      double outside = estimate.halfWidthsOutside(paper);
      status =
          estimate.contains(paper)
              ? INSIDE
              : String.format(Locale.ROOT, "outside the 95%% CI by %.1f half-widths", outside);
      statusClass = estimate.contains(paper) ? "ok" : "bad";
    } else {
      String unit = m.get().unit();
      status =
          ("%".equals(unit) ? status(difference) : relativeStatus(difference, paper))
              + " (no interval)";
      statusClass = status.startsWith(REPRODUCED) ? "ok" : "warn";
    }
    if (!group.status().evidence() && estimate != null) {
      status =
          status + "; " + group.status().name().toLowerCase(Locale.ROOT) + ": " + group.reason();
      statusClass = "bad";
    }
    return new Row(
        group.cellIds(),
        group.series(),
        coordinates(group.coordinates()),
        metric,
        m.map(AggregateMetric::unit).map(ReportView::nullToEmpty).orElse(""),
        main,
        paper,
        estimate,
        group.replicates(),
        group.cellIds().size(),
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

  private static SignComparison buildSignComparison(List<ReplicateGroup> groups) {
    Map<List<Object>, ReplicateGroup> sm = new LinkedHashMap<>();
    Map<List<Object>, ReplicateGroup> printed = new LinkedHashMap<>();
    for (ReplicateGroup g : groups) {
      List<Object> key = List.of(nullToEmpty(g.dataset()), g.coordinates());
      if (SM.equals(g.objective())) {
        sm.putIfAbsent(key, g);
      } else if (SM_PRINTED.equals(g.objective())) {
        printed.putIfAbsent(key, g);
      }
    }
    List<SignPair> pairs = new ArrayList<>();
    double smSum = 0;
    double printedSum = 0;
    int withPaper = 0;
    for (Map.Entry<List<Object>, ReplicateGroup> e : sm.entrySet()) {
      ReplicateGroup other = printed.get(e.getKey());
      if (other == null) {
        continue;
      }
      String metric = mainMetric(List.of(e.getValue(), other));
      if (metric == null) {
        continue;
      }
      Row a = row(e.getValue(), metric, true);
      Row b = row(other, metric, true);
      Double paper = a.paper() != null ? a.paper() : b.paper();
      String closer = "";
      if (paper != null && a.replicates() > 0 && b.replicates() > 0) {
        double da = Math.abs(a.mean() - paper);
        double db = Math.abs(b.mean() - paper);
        closer = closer(da, db);
        smSum += da;
        printedSum += db;
        withPaper++;
      }
      pairs.add(
          new SignPair(
              e.getValue().dataset(),
              coordinates(e.getValue().coordinates()),
              metric,
              paper,
              a,
              b,
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

  private static String unitOf(List<ReplicateGroup> groups, String metric) {
    return groups.stream()
        .flatMap(g -> g.metric(metric).stream())
        .map(m -> nullToEmpty(m.unit()))
        .findFirst()
        .orElse("");
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
