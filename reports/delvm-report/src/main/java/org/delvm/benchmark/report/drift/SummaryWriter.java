package org.delvm.benchmark.report.drift;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.delvm.benchmark.report.AtomicFiles;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.report.stats.Estimate;

/**
 * Writes {@code summary.md}, what a reviewer reads in a pull request (like {@code dvc metrics diff
 * --md}, one comment updated in place): the gate's result and why first, then only the metrics that
 * moved beyond tolerance, the claims whose verdict changed, the metrics without evidence, and
 * everything else collapsed. Its length is bounded for a PR comment; the full table always goes to
 * {@code drift.md} beside it. Every text from the plan is escaped.
 */
public final class SummaryWriter {

  public static final String SUMMARY_FILE = "summary.md";

  /** The whole gate table, unbounded, beside summary.md. */
  public static final String FULL_TABLE_FILE = "drift.md";

  /** GitHub refuses comments over 65536 characters; room is left for a marker and a header. */
  static final int MAX_CHARACTERS = 60_000;

  /** Rows of the "beyond tolerance" table before the rest is left to the collapsed section. */
  static final int MAX_CHANGED_ROWS = 50;

  private static final String TABLE_HEAD =
      "| metric | baseline | now | change | limit | 95% CI (n) | verdict |\n"
          + "|:---|---:|---:|---:|---:|---:|:---|\n";

  /**
   * Writes {@code summary.md} (and {@code drift.md} when the gate ran) atomically into {@code
   * directory}; {@code drift} and {@code outcome} are null when no gate ran.
   */
  public Path write(
      Reproduction run, DriftResult drift, GatePolicy.Outcome outcome, String reason, Path dir) {
    Path file = dir.resolve(SUMMARY_FILE);
    AtomicFiles.writeString(file, markdown(run, drift, outcome, reason));
    if (drift != null) {
      AtomicFiles.writeString(dir.resolve(FULL_TABLE_FILE), fullTable(run, drift));
    }
    return file;
  }

  /** The Markdown document; {@code drift} may be null (no gate ran, e.g. a baseline update). */
  public String markdown(
      Reproduction run, DriftResult drift, GatePolicy.Outcome outcome, String reason) {
    StringBuilder md = new StringBuilder();
    md.append("### DELVM reproduction, plan ").append(Markdown.escape(run.plan())).append(": ");
    if (drift == null) {
      md.append("no gate ran\n\n");
    } else {
      md.append("gate **").append(outcome).append("**");
      md.append(reason.isEmpty() ? "" : ": " + Markdown.escape(reason)).append("\n\n");
    }
    md.append(
        String.format(Locale.ROOT, "Run started %s, %.1f s", run.startedAt(), run.wallSeconds()));
    if (drift != null) {
      md.append("; baseline from the run started ").append(drift.baselineStartedAt());
    }
    md.append(". Full report: `")
        .append(ReportWriter.HTML_FILE)
        .append("` in the report archive.\n");
    if (drift == null) {
      return md.toString();
    }
    if (!drift.environmentChanges().isEmpty()) {
      md.append("\nThe environment differs from the baseline's (numbers can move with it): ")
          .append(Markdown.escape(String.join("; ", drift.environmentChanges())))
          .append(".\n");
    }
    List<DriftRow> changed =
        drift.rows().stream()
            .filter(
                r ->
                    r.failsGate() || r.verdict() == Verdict.WARN || r.verdict() == Verdict.IMPROVED)
            .toList();
    md.append("\n#### Beyond tolerance\n\n");
    if (changed.isEmpty()) {
      md.append("Nothing moved beyond its tolerance.\n");
    } else {
      md.append(TABLE_HEAD);
      changed.stream().limit(MAX_CHANGED_ROWS).forEach(r -> md.append(row(r)));
      if (changed.size() > MAX_CHANGED_ROWS) {
        md.append("\n")
            .append(changed.size() - MAX_CHANGED_ROWS)
            .append(" more below, under \"All metrics\".\n");
      }
    }
    claimChanges(md, drift);
    withoutEvidence(md, drift);
    md.append("\n<details><summary>All ")
        .append(drift.rows().size())
        .append(" metrics</summary>\n\n");
    String tail =
        "\n</details>\n\nIf a change is intended, update the baseline: `mvn verify -Ddelvm.plan="
            + Markdown.escape(run.plan())
            + " -Ddelvm.updateBaseline=true`, and commit it.\n";
    md.append(TABLE_HEAD);
    int shown = 0;
    for (DriftRow r : drift.rows()) {
      String line = row(r);
      if (md.length() + line.length() + tail.length() + 200 > MAX_CHARACTERS) {
        md.append("\n")
            .append(drift.rows().size() - shown)
            .append(" more rows: see ")
            .append(FULL_TABLE_FILE)
            .append(" beside this file.\n");
        break;
      }
      md.append(line);
      shown++;
    }
    return md.append(tail).toString();
  }

  /** Every row of the gate, unbounded. */
  String fullTable(Reproduction run, DriftResult drift) {
    StringBuilder md = new StringBuilder("### Drift gate, plan ");
    md.append(Markdown.escape(run.plan())).append(", every metric\n\n").append(TABLE_HEAD);
    drift.rows().forEach(r -> md.append(row(r)));
    return md.toString();
  }

  private static void claimChanges(StringBuilder md, DriftResult drift) {
    if (drift.claimChanges().isEmpty()) {
      return;
    }
    md.append(
        "\n#### Claims whose verdict changed\n\n| claim | baseline | now |\n|:---|:---|:---|\n");
    for (DriftResult.ClaimChange c : drift.claimChanges()) {
      md.append("| ")
          .append(Markdown.escape(c.id()))
          .append(": ")
          .append(Markdown.escape(c.text()))
          .append(" | ")
          .append(c.before() == null ? "new" : c.before().label())
          .append(" | ")
          .append(c.after().label())
          .append(" |\n");
    }
  }

  private static void withoutEvidence(StringBuilder md, DriftResult drift) {
    List<DriftRow> missing = drift.withoutEvidence();
    if (missing.isEmpty()) {
      return;
    }
    md.append("\n#### Without evidence\n\n")
        .append(missing.size())
        .append(" gated metric(s) of ")
        .append(missing.stream().map(DriftRow::groupId).distinct().count())
        .append(" cell group(s) have no value this run, e.g. ")
        .append(Markdown.escape(missing.get(0).groupId()))
        .append(": ")
        .append(Markdown.escape(missing.get(0).note()))
        .append(".\n");
  }

  private static String row(DriftRow r) {
    return "| "
        + Markdown.escape(r.key())
        + " | "
        + Numbers.value(r.baseline())
        + " | "
        + Numbers.value(r.now())
        + " | "
        + Numbers.signed(r.change())
        + " | "
        + r.limitText()
        + " | "
        + interval(r.estimate())
        + " | "
        + verdict(r)
        + " |\n";
  }

  private static String interval(Estimate e) {
    if (e == null || !e.hasInterval()) {
      return "";
    }
    return "[" + Numbers.number(e.low()) + ", " + Numbers.number(e.high()) + "] (" + e.n() + ")";
  }

  /** The verdict, bold when it stops the build, with the note. */
  private static String verdict(DriftRow d) {
    String name = d.failsGate() ? "**" + d.verdict() + "**" : d.verdict().name();
    return d.note().isEmpty() ? name : name + " (" + Markdown.escape(d.note()) + ")";
  }
}
