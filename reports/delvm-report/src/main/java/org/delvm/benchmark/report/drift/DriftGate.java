package org.delvm.benchmark.report.drift;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.DirectoryLock;
import org.delvm.benchmark.report.ReportArchive;
import org.delvm.benchmark.report.ReportException;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.report.history.HistorySection;

/**
 * The drift gate as one call: reads the metrics.json a reproduction wrote, compares it with the
 * committed baseline {@code <baselineDirectory>/<plan>.json} under the rules, writes {@code
 * summary.md} beside the report and says what the build should do. Like jacoco's checker: the
 * {@code check} goal only maps the {@link GateReport}'s lines to its log and its failure to the
 * build's outcome.
 *
 * @param plan the plan whose baseline is used; a plan given as a path to a JSON file uses the plan
 *     name recorded in metrics.json
 * @param baselineDirectory where the committed baselines are
 * @param rules the limits, first match applies
 * @param policy what missing evidence means for the build
 * @param shown how a path is shown in messages (relative to where the build started)
 */
public record DriftGate(
    String plan,
    Path baselineDirectory,
    List<DriftRule> rules,
    GatePolicy policy,
    Function<Path, String> shown) {

  /**
   * Where a check appends its run's gated metrics, and the commit it records.
   *
   * @param file JSON Lines history file
   * @param commit the commit of this run
   * @param reportArchive the zipped report, zipped again when the history changed the page; null:
   *     none
   */
  public record History(Path file, String commit, Path reportArchive) {}

  /** Checks the reproduction in {@code reports} against its baseline. */
  public GateReport check(Path reports, Optional<History> history) {
    // The build that wrote this report holds it; another build writing it now stops this check.
    DirectoryLock.acquire(reports, "report directory", "delvm.outputDirectory");
    Reproduction now = MetricsJson.read(reports.resolve(ReportWriter.METRICS_FILE));
    String name = baselineName(now);
    Path file = baselineDirectory.resolve(name + ".json");
    if (!Files.isRegularFile(file)) {
      throw new ReportException(
          String.format(
              "No baseline %s: run `mvn verify -Ddelvm.plan=%s -Ddelvm.updateBaseline=true`"
                  + " and commit the file",
              shown.apply(file), name),
          null);
    }
    Baseline baseline = Baseline.read(file);
    if (!baseline.plan().equals(now.plan())) {
      throw new ReportException(
          String.format(
              "The baseline %s is for plan %s, but metrics.json is from plan %s: run the"
                  + " reproduction with -Ddelvm.plan=%s first",
              shown.apply(file), baseline.plan(), now.plan(), baseline.plan()),
          null);
    }
    DriftResult result = new DriftChecker().check(now, baseline, rules);
    GatePolicy.Outcome outcome = policy.outcome(result);
    String reason = policy.reason(result, outcome);
    Path summary = new SummaryWriter().write(now, result, outcome, reason, reports);
    GateReport.Builder out = new GateReport.Builder(outcome);
    rows(result, file, out);
    history.ifPresent(h -> record(now, result, reports, h, out));
    String line = result.summaryLine(outcome) + "; summary: " + shown.apply(summary);
    if (outcome == GatePolicy.Outcome.PASSED) {
      return out.info(line).build();
    }
    out.warn(line + ": " + reason);
    return policy.failsBuild(outcome)
        ? out.failure(failure(result, outcome, reason, name, file)).build()
        : out.build();
  }

  /** Rewrites the baseline from the reproduction in {@code reports}; the gate then passes. */
  public GateReport updateBaseline(Path reports) {
    Reproduction now = MetricsJson.read(reports.resolve(ReportWriter.METRICS_FILE));
    String name = baselineName(now);
    if (!name.equals(now.plan())) {
      throw new ReportException(
          String.format(
              "metrics.json is from plan %s, not %s: run the reproduction of %s first",
              now.plan(), name, name),
          null);
    }
    Path file = baselineDirectory.resolve(name + ".json");
    Baseline baseline = Baseline.from(now);
    baseline.write(file);
    GateReport.Builder out = new GateReport.Builder(GatePolicy.Outcome.PASSED);
    out.info(
        String.format(
            "Wrote the baseline %s: %d metrics of the run started %s. Commit it.",
            shown.apply(file), baseline.metrics().size(), now.startedAt()));
    now.cells().stream()
        .filter(c -> c.status() != CellStatus.COMPLETED)
        .forEach(
            c ->
                out.warn(
                    String.format(
                        "cell %s is %s: the baseline has no metrics for it", c.id(), c.status())));
    new SummaryWriter().write(now, null, null, "", reports);
    return out.build();
  }

  private void rows(DriftResult result, Path file, GateReport.Builder out) {
    List<String> table = result.textTable();
    out.info("Drift check against " + shown.apply(file) + ":");
    out.info("  " + table.get(0));
    for (int i = 0; i < result.rows().size(); i++) {
      DriftRow row = result.rows().get(i);
      String line = "  " + table.get(i + 1);
      if (row.failsGate()) {
        out.error(line);
      } else if (row.verdict() == Verdict.WARN || row.verdict() == Verdict.NO_EVIDENCE) {
        out.warn(line);
      } else {
        out.info(line);
      }
    }
    for (String change : result.environmentChanges()) {
      out.warn(
          "Environment differs from the baseline's run, which can move numbers by itself: "
              + change);
    }
    for (DriftResult.ClaimChange c : result.claimChanges()) {
      out.warn(
          String.format(
              "claim %s changed verdict: %s -> %s",
              c.id(), c.before() == null ? "new" : c.before().label(), c.after().label()));
    }
  }

  private String failure(
      DriftResult result, GatePolicy.Outcome outcome, String reason, String name, Path file) {
    if (outcome == GatePolicy.Outcome.INCOMPLETE || result.passed()) {
      return String.format(
          "Drift gate %s for plan %s: %s. Run with the missing data (see the WARNING lines),"
              + " or pass -Ddelvm.allowMissing=true to accept the gap",
          outcome, name, reason);
    }
    return String.format(
        "Drift gate failed for plan %s: %s. If the change is intended, run"
            + " `mvn verify -Ddelvm.plan=%s -Ddelvm.updateBaseline=true` and commit %s",
        name,
        result.failures().stream().map(DriftRow::describe).collect(Collectors.joining("; ")),
        name,
        shown.apply(file));
  }

  /** Appends the run to the history (failing runs too: they are what the trend must show). */
  private void record(
      Reproduction now, DriftResult result, Path reports, History h, GateReport.Builder out) {
    List<String> warnings = new ArrayList<>();
    HistorySection section =
        HistorySection.record(h.file(), h.commit(), now, result, reports, warnings::add);
    warnings.forEach(out::warn);
    out.info(
        String.format(
            "History: recorded commit %s in %s; trends of %d gated metric(s) over %d run(s),"
                + " %d outside their band",
            h.commit(),
            shown.apply(h.file()),
            section.outside().size() + section.inside().size(),
            section.runs(),
            section.outside().size()));
    if (h.reportArchive() != null && Files.isRegularFile(h.reportArchive())) {
      ReportArchive.zip(reports, h.reportArchive());
    }
  }

  /** A plan given as a path has no short name of its own: use the one its run recorded. */
  private String baselineName(Reproduction now) {
    boolean path = plan.contains("/") || plan.contains("\\") || plan.endsWith(".json");
    return path ? now.plan() : plan;
  }
}
