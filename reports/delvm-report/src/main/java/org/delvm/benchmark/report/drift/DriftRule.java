package org.delvm.benchmark.report.drift;

import java.util.regex.Pattern;

/**
 * A limit on how far the metrics whose key matches {@link #getMetric()} may move from the baseline,
 * configured in the POM like jacoco's {@code check} rules: {@code metric} (a glob over {@code
 * <groupId>/<metricName>}, the replicate means), {@code direction}, {@code absoluteTolerance},
 * {@code relativeTolerance} and optionally {@code baselineInterval}, {@code warn} and {@code fail};
 * see {@code reports/pom.xml} for the project's rules.
 *
 * <p>The tolerance of a metric is {@code max(absoluteTolerance, relativeTolerance * |baseline|,
 * one-sample step)}, the last being how far one test sample changes it (so a rule can never ask for
 * more precision than the test set has); with {@code baselineInterval} true, also at least the
 * half-width of the baseline's 95 % interval (recorded in the baseline), so that noise within the
 * baseline's own uncertainty never fails a build and a move beyond it does. A move in the bad
 * direction beyond {@code warn * tolerance} warns, beyond {@code fail * tolerance} fails; a move in
 * the good direction beyond the tolerance is an improvement.
 *
 * <p>Mutable with a public no-argument constructor because Maven configures it field by field;
 * {@link #validate()} checks the result before use.
 */
public final class DriftRule {

  /** Default warn level: half the tolerance, so a drift is seen before it fails the build. */
  public static final double DEFAULT_WARN = 0.5;

  /** Default fail level: the tolerance itself. */
  public static final double DEFAULT_FAIL = 1.0;

  private String metric;
  private Direction direction = Direction.BOTH;
  private double absoluteTolerance;
  private double relativeTolerance;
  private boolean baselineInterval;
  private double warn = DEFAULT_WARN;
  private double fail = DEFAULT_FAIL;

  private Pattern pattern; // compiled on first use

  public DriftRule() {}

  /** A rule with the default warn and fail levels. */
  public static DriftRule of(
      String metric, Direction direction, double absoluteTolerance, double relativeTolerance) {
    DriftRule rule = new DriftRule();
    rule.setMetric(metric);
    rule.setDirection(direction);
    rule.setAbsoluteTolerance(absoluteTolerance);
    rule.setRelativeTolerance(relativeTolerance);
    return rule;
  }

  /** This rule with other warn and fail levels (multiples of the tolerance). */
  public DriftRule withLevels(double warn, double fail) {
    setWarn(warn);
    setFail(fail);
    return this;
  }

  /** Rejects a rule that cannot be applied; the message says what to fix in the POM. */
  public DriftRule validate() {
    String where = "drift rule '" + metric + "': ";
    if (metric == null || metric.isBlank()) {
      throw new IllegalArgumentException("drift rule without <metric>: give a glob such as */F1");
    }
    if (direction == null) {
      throw new IllegalArgumentException(
          where + "<direction> must be HIGHER_IS_BETTER, LOWER_IS_BETTER or BOTH");
    }
    if (!(absoluteTolerance >= 0) || !(relativeTolerance >= 0)) {
      throw new IllegalArgumentException(where + "tolerances must be zero or more");
    }
    if (!(warn >= 0) || !(fail > 0) || warn > fail) {
      throw new IllegalArgumentException(
          where
              + "levels must satisfy 0 <= warn <= fail and fail > 0; got warn "
              + warn
              + ", fail "
              + fail);
    }
    return this;
  }

  /** Whether the glob ({@code *} any characters, {@code ?} one) matches the whole key. */
  public boolean matches(String key) {
    if (pattern == null) {
      pattern = glob(metric);
    }
    return pattern.matcher(key).matches();
  }

  /**
   * The tolerance for a metric with this baseline value, one-sample step and baseline interval
   * half-width (each 0 if unknown).
   */
  public double tolerance(double baseline, double oneSampleStep, double intervalHalfWidth) {
    double tolerance =
        Math.max(
            Math.max(absoluteTolerance, relativeTolerance * Math.abs(baseline)), oneSampleStep);
    return baselineInterval && Double.isFinite(intervalHalfWidth)
        ? Math.max(tolerance, intervalHalfWidth)
        : tolerance;
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (char c : glob.toCharArray()) {
      if (c == '*' || c == '?') {
        regex.append(Pattern.quote(literal.toString())).append(c == '*' ? ".*" : ".");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    return Pattern.compile(regex.append(Pattern.quote(literal.toString())).toString());
  }

  public String getMetric() {
    return metric;
  }

  public void setMetric(String metric) {
    this.metric = metric;
    this.pattern = null;
  }

  public Direction getDirection() {
    return direction;
  }

  public void setDirection(Direction direction) {
    this.direction = direction;
  }

  public double getAbsoluteTolerance() {
    return absoluteTolerance;
  }

  public void setAbsoluteTolerance(double absoluteTolerance) {
    this.absoluteTolerance = absoluteTolerance;
  }

  public double getRelativeTolerance() {
    return relativeTolerance;
  }

  public void setRelativeTolerance(double relativeTolerance) {
    this.relativeTolerance = relativeTolerance;
  }

  public boolean isBaselineInterval() {
    return baselineInterval;
  }

  public void setBaselineInterval(boolean baselineInterval) {
    this.baselineInterval = baselineInterval;
  }

  public double getWarn() {
    return warn;
  }

  public void setWarn(double warn) {
    this.warn = warn;
  }

  public double getFail() {
    return fail;
  }

  public void setFail(double fail) {
    this.fail = fail;
  }

  @Override
  public String toString() {
    return metric
        + " "
        + direction
        + " abs "
        + absoluteTolerance
        + " rel "
        + relativeTolerance
        + (baselineInterval ? " or the baseline's interval" : "")
        + " warn "
        + warn
        + " fail "
        + fail;
  }
}
