package org.delvm.benchmark.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A line plot rendered as an inline SVG string: one polyline (with dots and, for several seeds, ±
 * std error bars) per series, the paper's reported points as hollow black diamonds, axes, ticks and
 * a legend. The x axis is log2 when every x is a power of two, linear otherwise.
 *
 * <p>Every text that reaches the SVG (title, axis labels, series names) goes through {@link
 * #escape}, so the string can be inserted into the page unescaped ({@code ?no_esc}).
 */
public final class SvgPlot {

  /** One reproduced point: the mean over seeds and its standard deviation (0 for one seed). */
  public record Point(double x, double y, double std) {}

  /** A point the paper reports. */
  public record PaperPoint(String series, double x, double y) {}

  /** Colour-blind-safe palette (Okabe and Ito). */
  private static final String[] COLOURS = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"
  };

  private static final int WIDTH = 720;
  private static final int HEIGHT = 340;
  private static final int LEFT = 62;
  private static final int RIGHT = 200; // room for the legend
  private static final int TOP = 30;
  private static final int BOTTOM = 52;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final Map<String, List<Point>> series = new LinkedHashMap<>();
  private final List<PaperPoint> paper = new ArrayList<>();
  private double yMin = Double.NEGATIVE_INFINITY;
  private double yMax = Double.POSITIVE_INFINITY;

  public SvgPlot(String title, String xLabel, String yLabel) {
    this.title = title == null ? "" : title;
    this.xLabel = xLabel == null ? "" : xLabel;
    this.yLabel = yLabel == null ? "" : yLabel;
  }

  /** Adds a point to a series (created on first use, in order); non-finite points are skipped. */
  public SvgPlot point(String seriesName, double x, double y, double std) {
    List<Point> points = series.computeIfAbsent(seriesName, s -> new ArrayList<>());
    if (Double.isFinite(x) && Double.isFinite(y)) {
      points.add(new Point(x, y, Double.isFinite(std) ? std : 0));
    }
    return this;
  }

  /** Marks a value the paper reports. */
  public SvgPlot paperPoint(String seriesName, double x, double y) {
    if (Double.isFinite(x) && Double.isFinite(y)) {
      paper.add(new PaperPoint(seriesName, x, y));
    }
    return this;
  }

  /** Whether there is anything to draw. */
  public boolean isEmpty() {
    return series.values().stream().allMatch(List::isEmpty) && paper.isEmpty();
  }

  /** Keeps the y axis within [lo, hi] (e.g. 0..100 for a percentage), error bars clipped to it. */
  public SvgPlot yBounds(double lo, double hi) {
    this.yMin = lo;
    this.yMax = hi;
    return this;
  }

  /**
   * Whether the x axis is log2: every x a power of two, spanning a factor of 8 or more or starting
   * at 16 or more (hidden units: 64..2048; not layers 1..4).
   */
  public boolean logX() {
    List<Double> xs = xs();
    if (xs.isEmpty() || !xs.stream().allMatch(SvgPlot::isPowerOfTwo)) {
      return false;
    }
    double lo = xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    double hi = xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return hi / lo >= 8 || lo >= 16;
  }

  /** The SVG element. */
  public String render() {
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"plot\" viewBox=\"0 0 %d %d\""
                + " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\""
                + " font-family=\"system-ui, sans-serif\" font-size=\"12\">\n",
            WIDTH,
            HEIGHT,
            WIDTH,
            HEIGHT,
            escape(title)));
    svg.append("<title>").append(escape(title)).append("</title>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n",
            WIDTH,
            HEIGHT));
    if (isEmpty()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\">no result to plot"
                  + "</text>\n</svg>",
              WIDTH / 2,
              HEIGHT / 2));
      return svg.toString();
    }
    Axis x = xAxis();
    Axis y = yAxis();
    double plotRight = WIDTH - RIGHT;
    double plotBottom = HEIGHT - BOTTOM;

    // Grid and ticks.
    svg.append("<g class=\"axes\" stroke=\"#ddd\" stroke-width=\"1\">\n");
    for (double t : y.ticks) {
      double py = y.map(t);
      svg.append(line(LEFT, py, plotRight, py));
    }
    for (double t : x.ticks) {
      double px = x.map(t);
      svg.append(line(px, TOP, px, plotBottom));
    }
    svg.append("</g>\n");
    svg.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\""
                + " stroke=\"#888\"/>\n",
            LEFT,
            TOP,
            plotRight - LEFT,
            plotBottom - TOP));
    svg.append("<g class=\"ticks\" fill=\"#333\">\n");
    for (double t : y.ticks) {
      svg.append(text(LEFT - 6, y.map(t) + 4, "end", number(t, y.step)));
    }
    for (double t : x.ticks) {
      svg.append(text(x.map(t), plotBottom + 16, "middle", number(t, x.log ? 1 : x.step)));
    }
    svg.append("</g>\n");
    svg.append(
        text(
            (LEFT + plotRight) / 2,
            HEIGHT - 14,
            "middle",
            xLabel + (x.log ? " (log2 scale)" : "")));
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">"
                + "%s</text>\n",
            (TOP + plotBottom) / 2,
            (TOP + plotBottom) / 2,
            escape(yLabel)));
    svg.append(text(LEFT, 18, "start", title));

    // One polyline per series, dots, error bars.
    int i = 0;
    Map<String, String> colourOf = new LinkedHashMap<>();
    for (Map.Entry<String, List<Point>> s : series.entrySet()) {
      String colour = COLOURS[i++ % COLOURS.length];
      colourOf.put(s.getKey(), colour);
      List<Point> points = new ArrayList<>(s.getValue());
      points.sort(Comparator.comparingDouble(Point::x));
      StringBuilder coords = new StringBuilder();
      for (Point p : points) {
        coords.append(String.format(Locale.ROOT, "%.1f,%.1f ", x.map(p.x()), y.map(p.y())));
      }
      svg.append(
          String.format(
              Locale.ROOT,
              "<g class=\"series\" data-series=\"%s\">\n<polyline points=\"%s\" fill=\"none\""
                  + " stroke=\"%s\" stroke-width=\"2\"/>\n",
              escape(s.getKey()),
              coords.toString().trim(),
              colour));
      for (Point p : points) {
        double px = x.map(p.x());
        if (p.std() > 0) {
          svg.append(
              String.format(
                  Locale.ROOT,
                  "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n",
                  px,
                  y.map(Math.max(p.y() - p.std(), y.lo)),
                  px,
                  y.map(Math.min(p.y() + p.std(), y.hi)),
                  colour));
        }
        svg.append(
            String.format(
                Locale.ROOT,
                "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n",
                px,
                y.map(p.y()),
                colour));
      }
      svg.append("</g>\n");
    }
    // The paper's points: hollow diamonds with a black outline, drawn on top.
    if (!paper.isEmpty()) {
      svg.append("<g class=\"paper\">\n");
      for (PaperPoint p : paper) {
        String colour = colourOf.getOrDefault(p.series(), "#fff");
        svg.append(
            String.format(
                Locale.ROOT,
                "%s\n",
                diamond(x.map(p.x()), y.map(p.y()), 7, colour, escape(p.series()))));
      }
      svg.append("</g>\n");
    }

    // Legend.
    double ly = TOP + 8;
    double lx = plotRight + 16;
    svg.append("<g class=\"legend\">\n");
    for (Map.Entry<String, String> c : colourOf.entrySet()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\""
                  + " stroke-width=\"2\"/><circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n",
              lx,
              ly,
              lx + 24,
              ly,
              c.getValue(),
              lx + 12,
              ly,
              c.getValue()));
      svg.append(text(lx + 32, ly + 4, "start", shorten(c.getKey(), 24)));
      ly += 20;
    }
    if (!paper.isEmpty()) {
      svg.append(diamond(lx + 12, ly, 6, "#fff", "paper")).append('\n');
      svg.append(text(lx + 32, ly + 4, "start", "paper (reported)"));
    }
    svg.append("</g>\n</svg>");
    return svg.toString();
  }

  /** Escapes text for XML content and attribute values. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out.append(' '); // not allowed in XML
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  static boolean isPowerOfTwo(double v) {
    if (!(v > 0)) {
      return false;
    }
    double log = Math.log(v) / Math.log(2);
    return Math.abs(log - Math.rint(log)) < 1e-9;
  }

  private List<Double> xs() {
    List<Double> xs = new ArrayList<>();
    series.values().forEach(ps -> ps.forEach(p -> xs.add(p.x())));
    paper.forEach(p -> xs.add(p.x()));
    return xs;
  }

  private Axis xAxis() {
    TreeSet<Double> xs = new TreeSet<>(xs());
    double lo = xs.first();
    double hi = xs.last();
    double left = LEFT + 24;
    double right = WIDTH - RIGHT - 24;
    if (logX()) {
      double a = log2(lo);
      double b = log2(hi);
      if (b - a < 2) { // at least three powers of two on the axis
        a -= 1;
        b += 1;
      }
      List<Double> ticks = new ArrayList<>();
      int stride = (int) Math.ceil((b - a + 1) / 10.0);
      for (long k = Math.round(a); k <= Math.round(b); k += stride) {
        ticks.add(Math.pow(2, k));
      }
      return new Axis(a, b, left, right, ticks, 1, true, false);
    }
    if (hi - lo == 0) {
      lo -= 1;
      hi += 1;
    }
    List<Double> ticks;
    double step;
    boolean integers = xs.stream().allMatch(v -> v == Math.rint(v));
    if (xs.size() >= 2 && xs.size() <= 10 && integers && hi - lo <= 12) {
      ticks = new ArrayList<>();
      for (double t = Math.ceil(lo); t <= hi; t++) {
        ticks.add(t);
      }
      step = 1;
    } else {
      step = niceStep((hi - lo) / 5);
      ticks = ticks(lo, hi, step);
    }
    return new Axis(lo, hi, left, right, ticks, step, false, false);
  }

  private Axis yAxis() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (List<Point> ps : series.values()) {
      for (Point p : ps) {
        lo = Math.min(lo, p.y() - p.std());
        hi = Math.max(hi, p.y() + p.std());
      }
    }
    for (PaperPoint p : paper) {
      lo = Math.min(lo, p.y());
      hi = Math.max(hi, p.y());
    }
    lo = Math.max(lo, yMin);
    hi = Math.min(hi, yMax);
    double pad = Math.max((hi - lo) * 0.1, Math.max(Math.abs(hi) * 0.01, 1e-9));
    lo -= pad;
    hi += pad;
    double step = niceStep((hi - lo) / 5);
    lo = Math.max(Math.floor(lo / step) * step, yMin);
    hi = Math.min(Math.ceil(hi / step) * step, yMax);
    return new Axis(lo, hi, HEIGHT - BOTTOM, TOP, ticks(lo, hi, step), step, false, true);
  }

  private static List<Double> ticks(double lo, double hi, double step) {
    List<Double> ticks = new ArrayList<>();
    for (double t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
      ticks.add(Math.abs(t) < step * 1e-9 ? 0 : t);
    }
    return ticks;
  }

  private static double niceStep(double raw) {
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double f = raw / magnitude;
    double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }

  private static String number(double v, double step) {
    if (step >= 1 && v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  private static String line(double x1, double y1, double x2, double y2) {
    return String.format(
        Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>\n", x1, y1, x2, y2);
  }

  private static String text(double x, double y, String anchor, String content) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n",
        x,
        y,
        anchor,
        escape(content));
  }

  /** A diamond; {@code label} must already be escaped. */
  private static String diamond(double cx, double cy, double r, String colour, String label) {
    return String.format(
        Locale.ROOT,
        "<path class=\"paper-point\" d=\"M %.1f %.1f L %.1f %.1f L %.1f %.1f L %.1f %.1f Z\""
            + " fill=\"%s\" fill-opacity=\"0.35\" stroke=\"#000\" stroke-width=\"1.5\">"
            + "<title>paper: %s</title></path>",
        cx,
        cy - r,
        cx + r,
        cy,
        cx,
        cy + r,
        cx - r,
        cy,
        colour,
        label);
  }

  private record Axis(
      double lo,
      double hi,
      double from,
      double to,
      List<Double> ticks,
      double step,
      boolean log,
      boolean vertical) {

    double map(double v) {
      double t = log ? Math.log(v) / Math.log(2) : v;
      return from + (t - lo) / (hi - lo) * (to - from);
    }
  }
}
