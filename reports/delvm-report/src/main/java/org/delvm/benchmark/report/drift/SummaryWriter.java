package org.delvm.benchmark.report.drift;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.delvm.benchmark.report.AtomicFiles;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Reproduction;

/**
 * Writes {@code summary.md}: one compact Markdown table of a run, sized for a pull-request comment
 * (like {@code dvc metrics diff --md}): cell, metric, paper, reproduced, difference and, when the
 * drift gate ran, the baseline and the verdict. The HTML report stays the full record; this is what
 * a reviewer reads first.
 */
public final class SummaryWriter {

  public static final String SUMMARY_FILE = "summary.md";

  /** Writes {@code summary.md} atomically into {@code directory}; {@code drift} may be null. */
  public Path write(Reproduction run, DriftResult drift, Path directory) {
    Path file = directory.resolve(SUMMARY_FILE);
    AtomicFiles.writeString(file, markdown(run, drift));
    return file;
  }

  /** The Markdown document; {@code drift} may be null (no gate ran: no baseline columns). */
  public String markdown(Reproduction run, DriftResult drift) {
    StringBuilder md = new StringBuilder();
    md.append("### DELVM reproduction: plan `").append(run.plan()).append("`\n\n");
    md.append("Run started ").append(run.startedAt());
    md.append(String.format(Locale.ROOT, ", %.1f s.", run.wallSeconds()));
    if (drift != null) {
      md.append(" Drift gate **")
          .append(drift.passed() ? "passed" : "FAILED")
          .append("** against the baseline of the run started ")
          .append(drift.baselineStartedAt())
          .append('.');
      if (!drift.environmentChanges().isEmpty()) {
        md.append(" The environment differs from the baseline's (numbers can move with it: ")
            .append(String.join("; ", drift.environmentChanges()))
            .append(").");
      }
    }
    md.append("\n\n");
    md.append("| cell | metric | paper | reproduced | difference |");
    md.append(drift == null ? "\n" : " baseline | verdict |\n");
    md.append("|:---|:---|---:|---:|---:|").append(drift == null ? "\n" : "---:|:---|\n");

    Map<String, DriftRow> byKey = new LinkedHashMap<>();
    if (drift != null) {
      drift.rows().forEach(r -> byKey.put(r.key(), r));
    }
    for (CellResult cell : run.cells()) {
      if (!"completed".equals(cell.status())) {
        md.append(row(drift, cell.id(), "_" + cell.status() + "_", "", "", "", null));
      }
      for (MetricResult m : cell.metrics()) {
        DriftRow d = byKey.get(Baseline.key(cell.id(), m.name()));
        md.append(
            row(
                drift,
                cell.id(),
                m.name(),
                Numbers.value(m.paper()),
                Numbers.number(m.value()),
                m.paper() == null ? "" : Numbers.signed(m.difference()),
                d));
      }
    }
    if (drift != null) {
      // Metrics the baseline has and this run lacks: not in the run's cells, so listed last.
      for (DriftRow d : drift.rows()) {
        if (d.verdict() == Verdict.MISSING_NOW) {
          md.append(row(drift, d.cellId(), d.metric(), "", "-", "", d));
        }
      }
      md.append("\nFAIL and MISSING_NOW (of a cell in the plan) stop the build; the rest pass. ")
          .append("If a change is intended, update the baseline: `mvn verify -Ddelvm.plan=")
          .append(run.plan())
          .append(" -Ddelvm.updateBaseline=true`, and commit it.\n");
    }
    return md.toString();
  }

  private static String row(
      DriftResult drift,
      String cell,
      String metric,
      String paper,
      String reproduced,
      String difference,
      DriftRow d) {
    StringBuilder line = new StringBuilder("| `").append(escape(cell)).append("` | ");
    line.append(escape(metric)).append(" | ").append(paper.equals("-") ? "" : paper);
    line.append(" | ").append(reproduced).append(" | ").append(difference).append(" |");
    if (drift != null) {
      line.append(' ').append(d == null ? "" : Numbers.value(d.baseline()));
      line.append(" | ").append(d == null ? "" : verdict(d)).append(" |");
    }
    return line.append('\n').toString();
  }

  /** The verdict, bold when it stops the build, with the change and limit or the note. */
  private static String verdict(DriftRow d) {
    String name = d.failsGate() ? "**" + d.verdict() + "**" : d.verdict().name();
    return switch (d.verdict()) {
      case PASS, INFO -> name;
      case FAIL, WARN, IMPROVED ->
          Double.isNaN(d.change())
              ? name + " (" + escape(d.note()) + ")"
              : name + " (" + Numbers.signed(d.change()) + ", limit " + d.limitText() + ")";
      case MISSING_NOW, NEW -> name + " (" + escape(d.note()) + ")";
    };
  }

  private static String escape(String text) {
    return text.replace("|", "\\|");
  }
}
