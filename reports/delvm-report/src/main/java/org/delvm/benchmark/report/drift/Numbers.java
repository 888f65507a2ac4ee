package org.delvm.benchmark.report.drift;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** How the gate's tables print numbers: short, locale-independent, the same in log and Markdown. */
final class Numbers {

  private Numbers() {}

  /** {@code -} for an absent value, {@code undefined} for NaN/infinite, else a short number. */
  static String value(Double v) {
    return v == null ? "-" : number(v);
  }

  /**
   * Integers as integers (counts); two decimals from 1 up (percentages); three significant digits
   * below 1 (thresholds, small changes), so no value prints as a misleading 0.00.
   */
  static String number(double v) {
    if (!Double.isFinite(v)) {
      return "undefined";
    }
    if (v == 0) {
      return "0"; // also -0.0
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (Math.abs(v) >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /** A change, with its sign ({@code +1.25}, {@code -0.5}, {@code 0}). */
  static String signed(double v) {
    if (!Double.isFinite(v)) {
      return "-";
    }
    return v > 0 ? "+" + number(v) : number(v);
  }
}
