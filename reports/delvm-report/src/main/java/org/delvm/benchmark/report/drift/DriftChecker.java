package org.delvm.benchmark.report.drift;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.delvm.benchmark.report.AggregateMetric;
import org.delvm.benchmark.report.ClaimResult;
import org.delvm.benchmark.report.ReplicateGroup;
import org.delvm.benchmark.report.Reproduction;

/**
 * Compares a run's replicate means with a baseline under rules. For each metric, the first rule
 * whose glob matches its key applies; a metric no rule matches is shown ({@link Verdict#INFO}) and
 * never fails, so counts and timings are informational unless a rule names them.
 */
public final class DriftChecker {

  /**
   * Checks the run against the baseline.
   *
   * @throws IllegalArgumentException when no rule is given (the gate would check nothing) or a rule
   *     cannot be applied
   */
  public DriftResult check(Reproduction now, Baseline baseline, List<DriftRule> rules) {
    if (rules.isEmpty()) {
      throw new IllegalArgumentException(
          "The drift gate has no <rules>: it would check nothing. Configure rules in the"
              + " POM's delvm:check execution (see reports/pom.xml).");
    }
    rules.forEach(DriftRule::validate);
    Map<String, AggregateMetric> current = new LinkedHashMap<>();
    Map<String, ReplicateGroup> groupOfKey = new LinkedHashMap<>();
    for (ReplicateGroup group : now.groups()) {
      for (AggregateMetric m : group.metrics()) {
        String key = Baseline.key(group.id(), m.name());
        current.put(key, m);
        groupOfKey.put(key, group);
      }
    }
    List<DriftRow> rows = new ArrayList<>();
    baseline
        .metrics()
        .forEach(
            (key, value) -> {
              double base = value == null ? Double.NaN : value;
              AggregateMetric m = current.get(key);
              if (m == null) {
                rows.add(missing(key, base, now, rule(key, rules).isPresent()));
              } else {
                Optional<DriftRule> rule = rule(key, rules);
                double tolerance =
                    rule.map(
                            r ->
                                r.tolerance(
                                    base, baseline.oneSampleStep(key), halfWidth(baseline, key)))
                        .orElse(Double.NaN);
                rows.add(
                    DriftRows.compare(
                        key,
                        groupOfKey.get(key).id(),
                        m,
                        base,
                        rule,
                        tolerance,
                        baseline.oneSampleStep(key)));
              }
            });
    current.forEach(
        (key, m) -> {
          if (!baseline.metrics().containsKey(key)) {
            rows.add(DriftRows.added(key, groupOfKey.get(key).id(), m));
          }
        });
    return new DriftResult(
        now.plan(),
        baseline.startedAt(),
        rows,
        environmentChanges(now, baseline),
        claimChanges(now, baseline));
  }

  private static double halfWidth(Baseline baseline, String key) {
    return baseline.interval(key).map(Baseline.Interval::halfWidth).orElse(0.0);
  }

  /** The environment facts both runs recorded with different values, as lines for the log. */
  static List<String> environmentChanges(Reproduction now, Baseline baseline) {
    List<String> changes = new ArrayList<>();
    baseline
        .environment()
        .forEach(
            (fact, then) -> {
              String value = now.environment().get(fact);
              if (value != null && !value.equals(then)) {
                changes.add(fact + ": baseline " + then + ", this run " + value);
              }
            });
    return changes;
  }

  /** The claims whose verdict differs from the baseline's (new claims included). */
  static List<DriftResult.ClaimChange> claimChanges(Reproduction now, Baseline baseline) {
    List<DriftResult.ClaimChange> changes = new ArrayList<>();
    for (ClaimResult c : now.claims()) {
      ClaimResult.Verdict before = baseline.claims().get(c.id());
      if (before != c.verdict()) {
        changes.add(new DriftResult.ClaimChange(c.id(), c.text(), before, c.verdict()));
      }
    }
    return changes;
  }

  private static Optional<DriftRule> rule(String key, List<DriftRule> rules) {
    return rules.stream().filter(r -> r.matches(key)).findFirst();
  }

  /**
   * A baseline metric this run lacks. Evidence missing (no gate failure by itself, but the gate is
   * INCOMPLETE) when its group produced nothing this run (skipped, failed or not run); a regression
   * when the group ran and diverged or stopped reporting it; neither when the group is not in this
   * run's plan at all (e.g. after a plan lost a cell on purpose and the baseline was not updated).
   */
  private static DriftRow missing(String key, double base, Reproduction now, boolean gated) {
    Optional<ReplicateGroup> group =
        now.groups().stream().filter(g -> key.startsWith(g.id() + "/")).findFirst();
    int slash = key.indexOf('/');
    String groupId = group.map(ReplicateGroup::id).orElse(slash < 0 ? "" : key.substring(0, slash));
    String metric = groupId.isEmpty() ? key : key.substring(groupId.length() + 1);
    if (group.isEmpty()) {
      return DriftRows.absent(
          key, groupId, metric, base, Verdict.MISSING_NOW, false, "not in this run's plan");
    }
    ReplicateGroup g = group.get();
    if (g.status() == ReplicateGroup.Status.MISSING) {
      return DriftRows.absent(
          key,
          groupId,
          metric,
          base,
          gated ? Verdict.NO_EVIDENCE : Verdict.INFO,
          false,
          "no result this run: " + g.reason());
    }
    String note =
        g.status() == ReplicateGroup.Status.DEGENERATE ? g.reason() : "metric no longer reported";
    return DriftRows.absent(key, groupId, metric, base, Verdict.MISSING_NOW, true, note);
  }
}
