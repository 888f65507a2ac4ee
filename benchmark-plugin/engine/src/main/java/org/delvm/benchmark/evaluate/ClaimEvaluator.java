package org.delvm.benchmark.evaluate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.delvm.benchmark.plan.Claim;
import org.delvm.benchmark.plan.PaperClaim;
import org.delvm.benchmark.report.AggregateMetric;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.ClaimResult.Evidence;
import org.delvm.benchmark.report.ClaimResult.Verdict;
import org.delvm.benchmark.report.ReplicateGroup;
import org.delvm.benchmark.report.stats.Comparison;
import org.delvm.benchmark.report.stats.Estimate;
import org.delvm.benchmark.report.stats.Replicates;

/**
 * Checks a plan's {@link Claim}s against the replicate groups, with a stated test. A claim reads
 * the groups whose experiment starts with the claim's experiment, by series and by their coordinate
 * on the claim's axis. Every comparison is a difference with its 95 % interval:
 *
 * <ul>
 *   <li>SUPPORTED when every comparison the claim makes lies on the claimed side (interval above 0)
 *       by at least one test sample (an intersection-union test: no adjustment needed);
 *   <li>CONTRADICTED when some comparison lies on the other side beyond one test sample, by an
 *       interval Bonferroni-adjusted for the number of comparisons;
 *   <li>INCONCLUSIVE otherwise;
 *   <li>NOT TESTABLE when a group it needs is missing or degenerate, or has nothing to make an
 *       interval from.
 * </ul>
 */
public final class ClaimEvaluator {

  private ClaimEvaluator() {}

  public static List<ClaimResult> evaluate(
      List<Claim> claims, List<ReplicateGroup> groups, List<CellResult> cells) {
    Map<String, CellResult> byId = new LinkedHashMap<>();
    cells.forEach(c -> byId.put(c.id(), c));
    return claims.stream().map(c -> evaluate(c.resolve(), groups, byId)).toList();
  }

  public static ClaimResult evaluate(
      PaperClaim claim, List<ReplicateGroup> groups, Map<String, CellResult> cells) {
    if (claim instanceof PaperClaim.Dominates d) {
      return dominates(d, groups, cells);
    }
    if (claim instanceof PaperClaim.Best b) {
      return best(b, groups, cells);
    }
    return value((PaperClaim.Value) claim, groups);
  }

  /** One comparison of a claim: its label and the difference (claimed better minus worse). */
  private record Step(String label, Comparison comparison) {}

  private static ClaimResult dominates(
      PaperClaim.Dominates claim, List<ReplicateGroup> groups, Map<String, CellResult> cells) {
    TreeMap<Double, ReplicateGroup> better = points(claim, claim.better(), groups);
    TreeMap<Double, ReplicateGroup> worse = points(claim, claim.worse(), groups);
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
              + availableSeries(claim, groups));
    }
    List<ReplicateGroup> needed = new ArrayList<>();
    shared.forEach(x -> needed.addAll(List.of(better.get(x), worse.get(x))));
    Optional<String> unusable = unusable(needed);
    if (unusable.isPresent()) {
      return notTestable(claim, unusable.get());
    }
    List<Step> steps = new ArrayList<>();
    for (double x : shared) {
      Optional<Comparison> c = compare(claim, better.get(x), worse.get(x), cells);
      if (c.isEmpty()) {
        return notTestable(claim, noInterval(claim.axis() + " " + fmt(x)));
      }
      steps.add(new Step(claim.axis() + " " + fmt(x), c.get()));
    }
    Map<String, Double> compared = new LinkedHashMap<>();
    for (double x : shared) {
      compared.put(label(claim.better(), claim.axis(), x), mean(better.get(x), claim.metric()));
      compared.put(label(claim.worse(), claim.axis(), x), mean(worse.get(x), claim.metric()));
    }
    String scope =
        String.format(
            Locale.ROOT,
            "%s, %s minus %s at %d %s value(s)",
            claim.metric(),
            claim.better(),
            claim.worse(),
            shared.size(),
            claim.axis());
    return decide(claim, steps, scope + unshared(better, worse, claim), compared);
  }

  private static ClaimResult best(
      PaperClaim.Best claim, List<ReplicateGroup> groups, Map<String, CellResult> cells) {
    TreeMap<Double, ReplicateGroup> points = points(claim, claim.series(), groups);
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
              + availableSeries(claim, groups));
    }
    Optional<String> unusable = unusable(points.values());
    if (unusable.isPresent()) {
      return notTestable(claim, unusable.get());
    }
    ReplicateGroup expected = points.get(claim.expected());
    List<Step> steps = new ArrayList<>();
    for (Map.Entry<Double, ReplicateGroup> rival : points.entrySet()) {
      if (rival.getKey().equals(claim.expected())) {
        continue;
      }
      String where = "vs " + claim.axis() + " " + fmt(rival.getKey());
      Optional<Comparison> c = compare(claim, expected, rival.getValue(), cells);
      if (c.isEmpty()) {
        return notTestable(claim, noInterval(where));
      }
      steps.add(new Step(where, c.get()));
    }
    Map<String, Double> compared = new LinkedHashMap<>();
    points.forEach(
        (x, g) -> compared.put(label(claim.series(), claim.axis(), x), mean(g, claim.metric())));
    String scope =
        String.format(
            Locale.ROOT,
            "%s of %s at %s %s minus each other %s",
            claim.metric(),
            claim.series(),
            claim.axis(),
            fmt(claim.expected()),
            claim.axis());
    return decide(claim, steps, scope, compared);
  }

  /**
   * The intersection-union verdict over the steps; the evidence shown is the binding step (the
   * lowest interval), or the contradicting one.
   */
  private static ClaimResult decide(
      PaperClaim claim, List<Step> steps, String scope, Map<String, Double> compared) {
    double adjusted = 1 - (1 - Estimate.LEVEL) / steps.size();
    Step binding = steps.get(0);
    Step contradiction = null;
    boolean all = true;
    List<String> parts = new ArrayList<>();
    for (Step s : steps) {
      Comparison c = s.comparison();
      double[] ci = c.interval();
      double[] wide = c.intervals().at(adjusted);
      boolean beyondOne = Math.abs(c.difference()) >= c.oneSample();
      all &= ci[0] > 0 && beyondOne;
      if (contradiction == null && wide[1] < 0 && beyondOne) {
        contradiction = s;
      }
      if (ci[0] < binding.comparison().interval()[0]) {
        binding = s;
      }
      parts.add(String.format(Locale.ROOT, "%s %s", s.label(), interval(c)));
    }
    Verdict verdict =
        all
            ? Verdict.SUPPORTED
            : contradiction != null ? Verdict.CONTRADICTED : Verdict.INCONCLUSIVE;
    Step shown = verdict == Verdict.CONTRADICTED ? contradiction : binding;
    String rule =
        switch (verdict) {
          case SUPPORTED -> "every interval above 0 by at least one test sample";
          case CONTRADICTED ->
              shown.label()
                  + " lies below 0 even at the Bonferroni-adjusted level "
                  + pct(adjusted);
          default -> "not every interval lies above 0 by one test sample, and none below";
        };
    return new ClaimResult(
        claim.id(),
        claim.text(),
        verdict,
        scope + ": " + String.join("; ", parts) + ". " + rule,
        compared,
        evidence(shown.comparison()));
  }

  private static ClaimResult value(PaperClaim.Value claim, List<ReplicateGroup> groups) {
    TreeMap<Double, ReplicateGroup> points = points(claim, claim.series(), groups);
    ReplicateGroup group = points.get(claim.at());
    if (group == null) {
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
              + availableSeries(claim, groups));
    }
    Optional<String> unusable = unusable(List.of(group));
    Optional<AggregateMetric> metric = group.metric(claim.metric());
    if (unusable.isPresent() || metric.isEmpty()) {
      return notTestable(claim, unusable.orElse(group.id() + " reports no " + claim.metric()));
    }
    Estimate e = metric.get().estimate();
    double diff = e.mean() - claim.expected();
    double low = e.low() - claim.expected();
    double high = e.high() - claim.expected();
    double tol = claim.tolerance();
    Map<String, Double> compared = new LinkedHashMap<>();
    compared.put(label(claim.series(), claim.axis(), claim.at()), e.mean());
    compared.put("paper", claim.expected());
    Verdict verdict;
    if (!e.hasInterval()) {
      verdict = Verdict.INCONCLUSIVE;
    } else if (low >= -tol && high <= tol) {
      verdict = Verdict.SUPPORTED;
    } else if (high < -tol || low > tol) {
      verdict = Verdict.CONTRADICTED;
    } else {
      verdict = Verdict.INCONCLUSIVE;
    }
    String reason =
        String.format(
            Locale.ROOT,
            "reproduced %.2f, 95%% CI [%.2f, %.2f] (n = %d, %s), paper %.2f: difference %+.2f,"
                + " CI [%+.2f, %+.2f]; supported when the CI of the difference lies within"
                + " +/-%.2f, contradicted when it lies outside",
            e.mean(),
            e.low(),
            e.high(),
            e.n(),
            e.method().description(),
            claim.expected(),
            diff,
            low,
            high,
            tol);
    return new ClaimResult(
        claim.id(),
        claim.text(),
        verdict,
        reason,
        compared,
        new Evidence(
            diff,
            low,
            high,
            group.replicates(),
            e.method() == Estimate.Method.BOOTSTRAP ? e.n() : 0,
            0,
            "95 % CI of the reproduced mean (" + e.method().description() + ") against the paper"));
  }

  private static Optional<Comparison> compare(
      PaperClaim claim,
      ReplicateGroup first,
      ReplicateGroup second,
      Map<String, CellResult> cells) {
    return Comparison.of(
        claim.metric(),
        Comparison.completed(first, cells),
        Comparison.completed(second, cells),
        Replicates.seed(claim.id() + "/" + first.id() + "/" + second.id()));
  }

  /** The first group that is not evidence, as a reason. */
  private static Optional<String> unusable(Collection<ReplicateGroup> groups) {
    return groups.stream()
        .filter(g -> !g.status().evidence())
        .findFirst()
        .map(g -> g.id() + " is " + g.status().name().toLowerCase(Locale.ROOT) + ": " + g.reason());
  }

  private static String noInterval(String where) {
    return "at "
        + where
        + " there is nothing to make an interval from (one replicate each and no per-sample"
        + " predictions; rerun with -Ddelvm.fresh=true to record them)";
  }

  /** The series' groups by coordinate on the claim's axis (the first group at a coordinate). */
  static TreeMap<Double, ReplicateGroup> points(
      PaperClaim claim, String series, List<ReplicateGroup> groups) {
    TreeMap<Double, ReplicateGroup> points = new TreeMap<>();
    for (ReplicateGroup g : groups) {
      if (g.series().equals(series)
          && g.experiment().startsWith(claim.experiment())
          && g.coordinates().containsKey(claim.axis())
          && g.status() != ReplicateGroup.Status.MISSING) {
        points.putIfAbsent(g.coordinates().get(claim.axis()), g);
      }
    }
    return points;
  }

  private static double mean(ReplicateGroup g, String metric) {
    return g.metric(metric).map(m -> m.estimate().mean()).orElse(Double.NaN);
  }

  private static Evidence evidence(Comparison c) {
    double[] ci = c.interval();
    return new Evidence(
        c.difference(), ci[0], ci[1], c.replicates(), c.samples(), c.oneSample(), c.test());
  }

  private static String interval(Comparison c) {
    double[] ci = c.interval();
    return String.format(Locale.ROOT, "%+.2f [%+.2f, %+.2f]", c.difference(), ci[0], ci[1]);
  }

  private static String pct(double level) {
    return String.format(Locale.ROOT, "%.2f%%", 100 * level);
  }

  /** The coordinates where only one of the two series has a result, if any. */
  private static String unshared(
      Map<Double, ReplicateGroup> better, Map<Double, ReplicateGroup> worse, PaperClaim claim) {
    List<Double> onlyOne = new ArrayList<>();
    better.keySet().stream().filter(x -> !worse.containsKey(x)).forEach(onlyOne::add);
    worse.keySet().stream().filter(x -> !better.containsKey(x)).forEach(onlyOne::add);
    return onlyOne.isEmpty()
        ? ""
        : " (not compared, one series has no result there: "
            + claim.axis()
            + " "
            + describe(onlyOne.stream().sorted().toList())
            + ")";
  }

  private static String availableSeries(PaperClaim claim, List<ReplicateGroup> groups) {
    String series =
        groups.stream()
            .filter(g -> g.experiment().startsWith(claim.experiment()))
            .filter(g -> g.status() != ReplicateGroup.Status.MISSING)
            .map(ReplicateGroup::series)
            .distinct()
            .collect(Collectors.joining(", "));
    return "; series with results in '"
        + claim.experiment()
        + "': "
        + (series.isEmpty() ? "none" : series)
        + (claim.note().isEmpty() ? "" : ". " + claim.note());
  }

  private static ClaimResult notTestable(PaperClaim claim, String reason) {
    return new ClaimResult(claim.id(), claim.text(), Verdict.NOT_TESTABLE, reason, Map.of(), null);
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
