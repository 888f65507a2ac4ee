package org.delvm.benchmark.report.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.delvm.benchmark.report.ClaimResult;

/**
 * What the gate found: one row per metric, in the baseline's order, then the metrics new in this
 * run.
 *
 * @param plan the plan compared
 * @param baselineStartedAt when the baseline's run started
 * @param environmentChanges one line per environment fact (JVM, BLAS, compute threads) that differs
 *     from the baseline's run: a drift that comes with one may be the machine's, not the code's
 * @param claimChanges the claims whose verdict differs from the baseline's
 */
public record DriftResult(
    String plan,
    String baselineStartedAt,
    List<DriftRow> rows,
    List<String> environmentChanges,
    List<ClaimChange> claimChanges) {

  /**
   * A claim whose verdict moved.
   *
   * @param before the baseline's verdict; null for a claim new since the baseline
   */
  public record ClaimChange(
      String id, String text, ClaimResult.Verdict before, ClaimResult.Verdict after) {}

  private static final String[] HEADER = {
    "metric", "baseline", "now", "change", "limit", "verdict", "note"
  };

  public DriftResult {
    rows = List.copyOf(rows);
    environmentChanges = List.copyOf(environmentChanges);
    claimChanges = List.copyOf(claimChanges);
  }

  /** True when no row stops the build by itself. */
  public boolean passed() {
    return rows.stream().noneMatch(DriftRow::failsGate);
  }

  /** Gated metrics that have a value this run: what the gate actually checked. */
  public long checked() {
    return rows.stream().filter(r -> r.direction() != null && r.now() != null).count();
  }

  /** Gated baseline metrics whose group produced nothing this run. */
  public List<DriftRow> withoutEvidence() {
    return rows.stream().filter(r -> r.verdict() == Verdict.NO_EVIDENCE).toList();
  }

  /** The rows that stop the build. */
  public List<DriftRow> failures() {
    return rows.stream().filter(DriftRow::failsGate).toList();
  }

  public long count(Verdict verdict) {
    return rows.stream().filter(r -> r.verdict() == verdict).count();
  }

  public Optional<DriftRow> row(String key) {
    return rows.stream().filter(r -> r.key().equals(key)).findFirst();
  }

  /** One line: the outcome and how many rows had each verdict. */
  public String summaryLine(GatePolicy.Outcome outcome) {
    StringBuilder counts = new StringBuilder();
    for (Verdict v : Verdict.values()) {
      long n = count(v);
      if (n > 0) {
        counts.append(counts.length() == 0 ? "" : ", ").append(n).append(' ').append(v);
      }
    }
    return String.format(
        "Drift gate %s for plan %s against the baseline of the run started %s: %d metrics (%s)",
        outcome, plan, baselineStartedAt, rows.size(), counts);
  }

  /**
   * The rows as a table with aligned columns, one string per line, header first: for a log, where
   * each line can go out at its own level. Line {@code i + 1} is {@code rows().get(i)}.
   */
  public List<String> textTable() {
    List<String[]> cells = new ArrayList<>();
    cells.add(HEADER);
    for (DriftRow r : rows) {
      cells.add(
          new String[] {
            r.key(),
            Numbers.value(r.baseline()),
            Numbers.value(r.now()),
            Numbers.signed(r.change()),
            r.limitText(),
            r.verdict().name(),
            r.note()
          });
    }
    int[] width = new int[HEADER.length];
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] line : cells) {
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        // Text left-aligned, numbers right-aligned, so digits line up.
        boolean numeric = i >= 1 && i <= 4;
        String format = "%" + (numeric ? "" : "-") + width[i] + "s";
        out.append(i == 0 ? "" : "  ").append(String.format(format, line[i]));
      }
      lines.add(out.toString().stripTrailing());
    }
    return lines;
  }
}
