package org.delvm.benchmark.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The report's section on the CD collapse: what CD-trained DELVM cells measured after every epoch
 * (stored as metrics named by {@link #name}), drawn as one plot per quantity with a curve per cell,
 * so the collapse is seen as it happens: f's active units falling to none, and the spectral norm of
 * J beyond 1 where exp(-E) stops being normalisable.
 */
public final class CollapseDiagnostics {

  /** The active units of f, in percent. */
  public static final String ACTIVE_UNITS = "active units of f";

  /** The largest spectral norm of J = df/dx over the probe rows. */
  public static final String JACOBIAN_NORM_MAX = "||J||2 max";

  /** The mean spectral norm of J over the probe rows. */
  public static final String JACOBIAN_NORM_MEAN = "||J||2 mean";

  private static final String AFTER = " after epoch ";

  /** One cell's curve: its id and its values by epoch (1-based, in order). */
  public record Curve(String cell, List<Double> activeUnits, List<Double> jacobianNormMax) {}

  /** What the section shows: the two plots, rendered, and each cell's first and last values. */
  public record Section(String activeUnitsSvg, String jacobianSvg, List<Curve> curves) {}

  private CollapseDiagnostics() {}

  /** The metric name of {@code quantity} after epoch {@code epoch}. */
  public static String name(String quantity, int epoch) {
    return quantity + AFTER + epoch;
  }

  /** The section for the cells that recorded diagnostics; empty when none did. */
  public static Optional<Section> of(List<CellResult> cells) {
    List<Curve> curves = new ArrayList<>();
    for (CellResult c : cells) {
      List<Double> active = series(c, ACTIVE_UNITS);
      if (!active.isEmpty()) {
        curves.add(new Curve(c.id(), active, series(c, JACOBIAN_NORM_MAX)));
      }
    }
    if (curves.isEmpty()) {
      return Optional.empty();
    }
    SvgPlot active =
        new SvgPlot("CD-trained DELVMs: active units of f", "epoch", "active units (%)");
    active.yBounds(0, 100);
    SvgPlot norms = new SvgPlot("CD-trained DELVMs: largest ||J||2 on data", "epoch", "||J||2 max");
    for (Curve curve : curves) {
      for (int e = 0; e < curve.activeUnits().size(); e++) {
        active.point(curve.cell(), e + 1, curve.activeUnits().get(e), 0);
      }
      for (int e = 0; e < curve.jacobianNormMax().size(); e++) {
        norms.point(curve.cell(), e + 1, curve.jacobianNormMax().get(e), 0);
      }
    }
    return Optional.of(new Section(active.render(), norms.render(), curves));
  }

  private static List<Double> series(CellResult cell, String quantity) {
    List<Double> values = new ArrayList<>();
    for (int epoch = 1; ; epoch++) {
      String name = name(quantity, epoch);
      Optional<Double> value =
          cell.metrics().stream()
              .filter(m -> m.name().equals(name))
              .map(m -> m.value())
              .findFirst();
      if (value.isEmpty()) {
        return values;
      }
      values.add(value.get());
    }
  }
}
