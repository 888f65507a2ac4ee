package org.delvm.benchmark.reproduction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.delvm.benchmark.plan.Claim;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.ClaimResult.Verdict;
import org.delvm.benchmark.report.MetricResult;

/**
 * Checks a plan's {@link Claim}s against the cells' results. A claim reads the completed cells
 * whose experiment starts with the claim's experiment, by series and by their coordinate on the
 * claim's axis; replicates (seeds) at one coordinate are averaged. Cells that diverged or failed
 * are left out, so a claim whose cells are all missing is NOT TESTABLE, never guessed.
 */
final class ClaimEvaluator {

  private ClaimEvaluator() {}

  static List<ClaimResult> evaluate(List<Claim> claims, List<CellResult> cells) {
    return claims.stream().map(c -> evaluate(c, cells)).toList();
  }

  static ClaimResult evaluate(Claim claim, List<CellResult> cells) {
    return switch (claim.kind()) {
      case "dominates" -> dominates(claim, cells);
      case "best" -> best(claim, cells);
      case "value" -> value(claim, cells);
      default -> throw new IllegalArgumentException("unknown claim kind " + claim.kind());
    };
  }

  private static ClaimResult dominates(Claim claim, List<CellResult> cells) {
    TreeMap<Double, Double> better = points(claim, claim.better(), cells);
    TreeMap<Double, Double> worse = points(claim, claim.worse(), cells);
    List<Double> shared = better.keySet().stream().filter(worse::containsKey).toList();
    if (shared.isEmpty()) {
      return notTestable(
          claim,
          "no "
              + claim.axis()
              + " with a result of both "
              + claim.better()
              + " ("
              + describe(better.keySet())
              + ") and "
              + claim.worse()
              + " ("
              + describe(worse.keySet())
              + ")"
              + availableSeries(claim, cells));
    }
    Map<String, Double> compared = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    for (double x : shared) {
      double b = better.get(x);
      double w = worse.get(x);
      compared.put(label(claim.better(), claim.axis(), x), b);
      compared.put(label(claim.worse(), claim.axis(), x), w);
      if (!(b > w)) {
        failures.add(String.format(Locale.ROOT, "%s %s: %.2f <= %.2f", claim.axis(), fmt(x), b, w));
      }
    }
    String scope =
        String.format(
            Locale.ROOT,
            "%s compared at %d %s value(s) (%s)",
            claim.metric(),
            shared.size(),
            claim.axis(),
            describe(shared));
    String unshared = unshared(better, worse, claim);
    if (failures.isEmpty()) {
      return result(
          claim,
          Verdict.SUPPORTED,
          scope + ": " + claim.better() + " higher at every one" + unshared,
          compared);
    }
    return result(
        claim,
        Verdict.NOT_SUPPORTED,
        scope + "; not higher at " + String.join(", ", failures) + unshared,
        compared);
  }

  private static ClaimResult best(Claim claim, List<CellResult> cells) {
    TreeMap<Double, Double> points = points(claim, claim.series(), cells);
    if (points.size() < 2 || !points.containsKey(claim.expected())) {
      return notTestable(
          claim,
          claim.series()
              + " has results at "
              + claim.axis()
              + " "
              + describe(points.keySet())
              + "; the check needs at least two, including "
              + fmt(claim.expected())
              + availableSeries(claim, cells));
    }
    Map<String, Double> compared = new LinkedHashMap<>();
    points.forEach((x, v) -> compared.put(label(claim.series(), claim.axis(), x), v));
    double max = points.values().stream().mapToDouble(Double::doubleValue).max().getAsDouble();
    List<Double> argmax = points.keySet().stream().filter(x -> points.get(x) == max).toList();
    String where =
        String.format(
            Locale.ROOT,
            "highest %s %.2f at %s %s (at %s: %.2f)",
            claim.metric(),
            max,
            claim.axis(),
            describe(argmax),
            fmt(claim.expected()),
            points.get(claim.expected()));
    return result(
        claim,
        argmax.contains(claim.expected()) ? Verdict.SUPPORTED : Verdict.NOT_SUPPORTED,
        where,
        compared);
  }

  private static ClaimResult value(Claim claim, List<CellResult> cells) {
    TreeMap<Double, Double> points = points(claim, claim.series(), cells);
    Double v = points.get(claim.at());
    if (v == null) {
      return notTestable(
          claim,
          "no result of "
              + claim.series()
              + " at "
              + claim.axis()
              + " "
              + fmt(claim.at())
              + " (results at "
              + describe(points.keySet())
              + ")"
              + availableSeries(claim, cells));
    }
    Map<String, Double> compared = new LinkedHashMap<>();
    compared.put(label(claim.series(), claim.axis(), claim.at()), v);
    compared.put("paper", claim.expected());
    double diff = v - claim.expected();
    String reason =
        String.format(
            Locale.ROOT,
            "reproduced %.2f, paper %.2f: difference %+.2f, tolerance %.2f",
            v,
            claim.expected(),
            diff,
            claim.tolerance());
    return result(
        claim,
        Math.abs(diff) <= claim.tolerance() ? Verdict.SUPPORTED : Verdict.NOT_SUPPORTED,
        reason,
        compared);
  }

  /** The series' metric by coordinate on the claim's axis, averaged over replicates. */
  static TreeMap<Double, Double> points(Claim claim, String series, List<CellResult> cells) {
    Map<Double, List<Double>> values = new TreeMap<>();
    for (CellResult c : cells) {
      if (!c.status().equals("completed")
          || !c.series().equals(series)
          || !c.experiment().startsWith(claim.experiment())
          || !c.coordinates().containsKey(claim.axis())) {
        continue;
      }
      c.metrics().stream()
          .filter(m -> m.name().equals(claim.metric()))
          .mapToDouble(MetricResult::value)
          .filter(v -> !Double.isNaN(v))
          .findFirst()
          .ifPresent(
              v ->
                  values
                      .computeIfAbsent(c.coordinates().get(claim.axis()), k -> new ArrayList<>())
                      .add(v));
    }
    TreeMap<Double, Double> means = new TreeMap<>();
    values.forEach(
        (x, vs) -> means.put(x, vs.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
    return means;
  }

  /** The coordinates where only one of the two series has a result, if any. */
  private static String unshared(
      Map<Double, Double> better, Map<Double, Double> worse, Claim claim) {
    TreeSet<Double> onlyOne = new TreeSet<>(better.keySet());
    onlyOne.addAll(worse.keySet());
    onlyOne.removeIf(x -> better.containsKey(x) && worse.containsKey(x));
    return onlyOne.isEmpty()
        ? ""
        : "; not compared (one series has no result there): "
            + claim.axis()
            + " "
            + describe(onlyOne);
  }

  private static String availableSeries(Claim claim, List<CellResult> cells) {
    String series =
        cells.stream()
            .filter(c -> c.experiment().startsWith(claim.experiment()))
            .filter(c -> c.status().equals("completed"))
            .map(CellResult::series)
            .distinct()
            .collect(Collectors.joining(", "));
    return "; completed series of '"
        + claim.experiment()
        + "': "
        + (series.isEmpty() ? "none" : series)
        + (claim.note() == null ? "" : ". " + claim.note());
  }

  private static ClaimResult notTestable(Claim claim, String reason) {
    return result(claim, Verdict.NOT_TESTABLE, reason, Map.of());
  }

  private static ClaimResult result(
      Claim claim, Verdict verdict, String reason, Map<String, Double> compared) {
    return new ClaimResult(claim.id(), claim.text(), verdict, reason, compared);
  }

  private static String label(String series, String axis, double x) {
    return series + " @ " + axis + " " + fmt(x);
  }

  private static String describe(Collection<Double> xs) {
    return xs.isEmpty()
        ? "none"
        : xs.stream().map(ClaimEvaluator::fmt).collect(Collectors.joining(", "));
  }

  private static String fmt(double x) {
    return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
  }
}
