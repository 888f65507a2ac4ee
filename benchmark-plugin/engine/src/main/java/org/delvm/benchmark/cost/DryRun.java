package org.delvm.benchmark.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;

/**
 * What a plan would cost, before running it ({@code -Ddelvm.dryRun=true}): its cells, the cost
 * model's CPU-hours, the cells that bound its wall time however many workers run it, the wall time
 * on 1, 8 and 64 workers and how evenly {@code -Ddelvm.shard} splits it. Needs no data: the costs
 * come from the cells' definitions ({@link CostModel#planned}), scheduled as {@link Shards} does.
 */
public final class DryRun {

  /** The worker counts whose wall time a dry run predicts. */
  static final List<Integer> WORKERS = List.of(1, 8, 64);

  /** The shard counts whose balance a dry run prints. */
  static final List<Integer> SHARD_COUNTS = List.of(2, 4, 8);

  /** At most this many critical-path cells are listed (the rest are counted). */
  private static final int LISTED = 10;

  private DryRun() {}

  /**
   * How evenly N shards share a plan: the largest shard's predicted seconds against the best any
   * split can do, max(mean shard, longest cell).
   */
  record Balance(int shards, double largest, double bound) {

    /** How far the largest shard is above the bound, e.g. 0.03 for 3 %. */
    double excess() {
      return bound == 0 ? 0 : largest / bound - 1;
    }
  }

  static Balance balance(Plan plan, int shards) {
    double[] costs = Shards.costs(plan);
    double bound =
        Math.max(Arrays.stream(costs).sum() / shards, Arrays.stream(costs).max().orElse(0));
    return new Balance(shards, Shards.assign(costs, shards).makespan(), bound);
  }

  /**
   * The cells that bound the plan's wall time: those longer than an even share of the plan on the
   * largest worker count, longest first. No number of workers finishes the plan before the longest.
   */
  static List<Cell> criticalPath(Plan plan) {
    double[] costs = Shards.costs(plan);
    double share = Arrays.stream(costs).sum() / WORKERS.get(WORKERS.size() - 1);
    return IntStream.range(0, costs.length)
        .filter(i -> costs[i] >= share && costs[i] > 0)
        .boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> costs[i]).reversed())
        .map(plan.cells()::get)
        .toList();
  }

  /** The dry run's report, one line each. */
  public static List<String> describe(Plan plan) {
    double[] costs = Shards.costs(plan);
    double total = Arrays.stream(costs).sum();
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            Locale.ROOT,
            "dry run of plan %s: %d cell(s), predicted %s CPU-hours in all; no cell runs, no"
                + " report is written, the gate is skipped",
            plan.name(),
            plan.cells().size(),
            hours(total)));
    lines.add(
        "cost model: epochs x training samples x seconds per sample, plus the cell's evaluation,"
            + " fitted to the default plan's cells on one core of a 2-core AMD EPYC (within 25 %"
            + " for 23 of its 26 cells of 10 s or more); the paper plan's cells are far larger than"
            + " any it was fitted to");
    List<Cell> critical = criticalPath(plan);
    lines.add(
        String.format(
            Locale.ROOT,
            "critical path: %d cell(s) longer than an even share on %d workers (%s h); no number of"
                + " workers finishes the plan in less than the longest, %s h:",
            critical.size(),
            WORKERS.get(WORKERS.size() - 1),
            hours(total / WORKERS.get(WORKERS.size() - 1)),
            hours(Arrays.stream(costs).max().orElse(0))));
    for (Cell c : critical.subList(0, Math.min(LISTED, critical.size()))) {
      double seconds = CostModel.planned(c);
      lines.add(
          String.format(
              Locale.ROOT,
              "  %s: %s h, %.1f %% of the plan (%s)",
              c.id(),
              hours(seconds),
              100 * seconds / total,
              c.experiment().split("[,;]")[0]));
    }
    if (critical.size() > LISTED) {
      lines.add("  ... and " + (critical.size() - LISTED) + " more");
    }
    for (int workers : WORKERS) {
      lines.add(
          String.format(
              Locale.ROOT,
              "predicted wall time on %d worker(s): %s h (%s days)",
              workers,
              hours(Shards.assign(costs, workers).makespan()),
              String.format(
                  Locale.ROOT, "%,.1f", Shards.assign(costs, workers).makespan() / 86400)));
    }
    lines.add(memory(plan));
    for (int n : SHARD_COUNTS) {
      Balance b = balance(plan, n);
      lines.add(
          String.format(
              Locale.ROOT,
              "-Ddelvm.shard=i/%d: largest shard %s against max(mean shard, longest cell) %s:"
                  + " %+.1f %%",
              n,
              CostModel.duration(b.largest()),
              CostModel.duration(b.bound()),
              100 * b.excess()));
    }
    return lines;
  }

  /**
   * The cell with the largest memory need by {@link MemoryEstimate} (a lower bound: weights,
   * gradients, Adam's moments, one batch's activations; a worker also holds the JVM, the data and
   * the probe's features).
   */
  static String memory(Plan plan) {
    Cell largest =
        plan.cells().stream().max(Comparator.comparingDouble(MemoryEstimate::bytes)).orElse(null);
    if (largest == null) {
      return "memory: no cells";
    }
    return String.format(
        Locale.ROOT,
        "memory: the largest cell, %s, needs at least %.2f GiB off-heap (weights, gradients, Adam's"
            + " moments, one batch's activations); a worker also holds the JVM, the data and the"
            + " probe's features (measured peaks: docs/scale.md). Give it"
            + " -Dorg.bytedeco.javacpp.maxbytes of at least that plus the data",
        largest.id(),
        MemoryEstimate.bytes(largest) / (1024.0 * 1024 * 1024));
  }

  /** Seconds as hours with thousands separators: {@code 20,612.3}, {@code 0.25}. */
  private static String hours(double seconds) {
    return String.format(Locale.ROOT, seconds < 36000 ? "%,.2f" : "%,.1f", seconds / 3600);
  }
}
