package org.delvm.benchmark.report.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.delvm.benchmark.report.SvgPlot;
import org.delvm.benchmark.report.drift.Direction;
import org.delvm.benchmark.report.drift.DriftRow;

/**
 * One gated metric across the recorded runs of a plan, as an inline SVG: one dot per run that has
 * the metric (oldest left, labelled by short commit), its confidence interval where known, the
 * baseline as a dashed line and the band the gate accepts shaded. The band is the one the gate
 * applies now (this run's baseline and limit), so every run is judged by today's rule. The run
 * where the metric left the band (the latest that is outside after one inside, or the first run if
 * it was never inside) is ringed and named.
 *
 * <p>Every text goes through {@link SvgPlot#escape}, so the string is inserted unescaped.
 */
public final class TrendChart {

  /** A run that has the metric: its position among the plan's runs, its commit and value. */
  public record Run(int index, String commit, String date, MetricPoint value) {}

  private static final int WIDTH = 380;
  private static final int HEIGHT = 210;
  private static final int LEFT = 58;
  private static final int RIGHT = 14;
  private static final int TOP = 28;
  private static final int BOTTOM = 42;
  private static final int MAX_X_LABELS = 8;

  private final String key;
  private final List<Run> runs;
  private final int slots;
  private final double baseline;
  private final double bandLow;
  private final double bandHigh;
  private final int leftAt;

  /**
   * @param key the metric, {@code <cellId>/<metricName>}
   * @param records the plan's runs, oldest first (runs without the metric leave a gap)
   * @param row the gate's row for the metric in this run; {@code null} or without a limit: no band
   */
  public TrendChart(String key, List<HistoryRecord> records, DriftRow row) {
    this.key = key;
    this.slots = records.size();
    List<Run> found = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      HistoryRecord r = records.get(i);
      MetricPoint p = r.metrics().get(key);
      if (p != null && Double.isFinite(p.mean())) {
        found.add(new Run(i, r.shortCommit(), r.date(), p));
      }
    }
    this.runs = List.copyOf(found);
    double base = row == null || row.baseline() == null ? Double.NaN : row.baseline();
    double limit = row == null ? Double.NaN : row.limit();
    this.baseline = base;
    boolean band = Double.isFinite(base) && Double.isFinite(limit) && row.direction() != null;
    Direction d = band ? row.direction() : Direction.BOTH;
    this.bandLow =
        !band ? Double.NaN : d == Direction.LOWER_IS_BETTER ? -Double.MAX_VALUE : base - limit;
    this.bandHigh =
        !band ? Double.NaN : d == Direction.HIGHER_IS_BETTER ? Double.MAX_VALUE : base + limit;
    this.leftAt = band ? leftAt() : -1;
  }

  public String key() {
    return key;
  }

  public List<Run> runs() {
    return runs;
  }

  /** Whether a band is drawn (the gate applied a limit to this metric in this run). */
  public boolean hasBand() {
    return !Double.isNaN(bandLow);
  }

  /** The run where the metric left its band, if it ever did. */
  public Optional<Run> leftBand() {
    return leftAt < 0 ? Optional.empty() : Optional.of(runs.get(leftAt));
  }

  /** Whether the latest run lies outside the band: the chart a reviewer looks at first. */
  public boolean outsideNow() {
    return hasBand() && !runs.isEmpty() && !inside(runs.get(runs.size() - 1).value().mean());
  }

  private boolean inside(double v) {
    return v >= bandLow && v <= bandHigh;
  }

  private int leftAt() {
    for (int i = runs.size() - 1; i >= 0; i--) {
      boolean out = !inside(runs.get(i).value().mean());
      if (out && (i == 0 || inside(runs.get(i - 1).value().mean()))) {
        return i;
      }
    }
    return -1;
  }

  /** The SVG element. */
  public String render() {
    StringBuilder svg = new StringBuilder();
    svg.append(
        format(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" data-metric=\"%s\""
                + " viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"img\""
                + " aria-label=\"%s\" font-family=\"system-ui, sans-serif\" font-size=\"11\""
                + " style=\"margin: 4px\">\n",
            SvgPlot.escape(key), WIDTH, HEIGHT, WIDTH, HEIGHT, SvgPlot.escape("trend of " + key)));
    svg.append("<title>").append(SvgPlot.escape("trend of " + key)).append("</title>\n");
    svg.append(format("<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", WIDTH, HEIGHT));
    svg.append(text(LEFT, 16, "start", shorten(key, 58), "")).append('\n');
    if (runs.isEmpty()) {
      svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "middle", "not recorded", " fill=\"#666\""));
      return svg.append("\n</svg>").toString();
    }
    double[] range = yRange();
    double lo = range[0];
    double hi = range[1];
    double step = niceStep((hi - lo) / 4);
    double plotBottom = HEIGHT - BOTTOM;
    double plotRight = WIDTH - RIGHT;

    // The band and the baseline, under everything else.
    if (hasBand()) {
      double top = y(Math.min(bandHigh, hi), lo, hi);
      double bottom = y(Math.max(bandLow, lo), lo, hi);
      if (bottom > top) {
        svg.append(
            format(
                "<rect class=\"trend-band\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
                    + " fill=\"#009E73\" fill-opacity=\"0.12\"/>\n",
                LEFT, top, plotRight - LEFT, bottom - top));
      }
    }
    if (Double.isFinite(baseline)) {
      double by = y(baseline, lo, hi);
      svg.append(
          format(
              "<line class=\"trend-baseline\" x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                  + " stroke=\"#009E73\" stroke-dasharray=\"5 3\"/>\n",
              LEFT, by, plotRight, by));
    }
    // Axes and y ticks.
    svg.append(
        format(
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#888\"/>\n",
            LEFT, TOP, plotRight - LEFT, plotBottom - TOP));
    svg.append("<g class=\"ticks\" fill=\"#333\">\n");
    for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
      svg.append(text(LEFT - 5, y(t, lo, hi) + 4, "end", tick(t, step), "")).append('\n');
    }
    int stride = (int) Math.ceil(runs.size() / (double) MAX_X_LABELS);
    for (int i = 0; i < runs.size(); i += stride) {
      Run r = runs.get(i);
      svg.append(text(x(r.index()), plotBottom + 14, "middle", r.commit(), "")).append('\n');
    }
    svg.append("</g>\n");
    svg.append(text((LEFT + plotRight) / 2, HEIGHT - 8, "middle", "commit (oldest left)", ""));
    svg.append('\n');

    // The line, the intervals and the dots.
    StringBuilder coords = new StringBuilder();
    for (Run r : runs) {
      coords.append(format("%.1f,%.1f ", x(r.index()), y(r.value().mean(), lo, hi)));
    }
    svg.append(
        format(
            "<polyline class=\"trend-line\" points=\"%s\" fill=\"none\" stroke=\"#0072B2\""
                + " stroke-width=\"1.5\"/>\n",
            coords.toString().trim()));
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      MetricPoint p = r.value();
      double px = x(r.index());
      if (p.hasInterval()) {
        svg.append(
            format(
                "<line class=\"trend-ci\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                    + " stroke=\"#0072B2\"/>\n",
                px, y(Math.max(p.ciLow(), lo), lo, hi), px, y(Math.min(p.ciHigh(), hi), lo, hi)));
      }
      boolean out = hasBand() && !inside(p.mean());
      svg.append(
          format(
              "<circle class=\"trend-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                  + "<title>%s</title></circle>\n",
              px, y(p.mean(), lo, hi), out ? "#D55E00" : "#0072B2", SvgPlot.escape(describe(r))));
    }
    leftBand()
        .ifPresent(
            r -> {
              double px = x(r.index());
              double py = y(r.value().mean(), lo, hi);
              svg.append(
                  format(
                      "<circle class=\"trend-left\" cx=\"%.1f\" cy=\"%.1f\" r=\"8\" fill=\"none\""
                          + " stroke=\"#D55E00\" stroke-width=\"2\"/>\n",
                      px, py));
              svg.append(
                  text(
                      plotRight - 4,
                      TOP + 12,
                      "end",
                      "left its band at " + r.commit(),
                      " class=\"trend-left-label\" fill=\"#D55E00\""));
              svg.append('\n');
            });
    return svg.append("</svg>").toString();
  }

  private String describe(Run r) {
    MetricPoint p = r.value();
    StringBuilder s = new StringBuilder(r.commit());
    if (r.date() != null) {
      s.append(' ').append(r.date());
    }
    s.append(": ").append(format("%.4g", p.mean()));
    if (p.hasInterval()) {
      s.append(format(" (95 %% CI %.4g to %.4g)", p.ciLow(), p.ciHigh()));
    }
    if (p.n() != null) {
      s.append(", n = ").append(p.n());
    }
    return s.toString();
  }

  /** The y axis: every dot and interval, the baseline and the finite band edges, padded. */
  private double[] yRange() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Run r : runs) {
      MetricPoint p = r.value();
      lo = Math.min(lo, p.hasInterval() ? Math.min(p.ciLow(), p.mean()) : p.mean());
      hi = Math.max(hi, p.hasInterval() ? Math.max(p.ciHigh(), p.mean()) : p.mean());
    }
    for (double v : new double[] {baseline, bandLow, bandHigh}) {
      if (Double.isFinite(v) && Math.abs(v) < Double.MAX_VALUE) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    double pad = Math.max((hi - lo) * 0.15, Math.max(Math.abs(hi) * 0.005, 1e-9));
    return new double[] {lo - pad, hi + pad};
  }

  private double x(int index) {
    double from = LEFT + 16;
    double to = WIDTH - RIGHT - 16;
    return slots <= 1 ? (from + to) / 2 : from + index * (to - from) / (slots - 1);
  }

  private static double y(double v, double lo, double hi) {
    double from = HEIGHT - BOTTOM;
    return from + (v - lo) / (hi - lo) * (TOP - from);
  }

  private static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
  }

  private static String tick(double v, double step) {
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return format("%." + Math.min(decimals, 6) + "f", Math.abs(v) < step * 1e-9 ? 0 : v);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** A text element; {@code attributes} are added verbatim, the content is escaped. */
  private static String text(double x, double y, String anchor, String content, String attributes) {
    return format(
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>",
        x, y, anchor, attributes, SvgPlot.escape(content));
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
