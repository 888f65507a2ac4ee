package org.delvm.benchmark.cost;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;

/**
 * Splits a plan's cells into shards of about equal predicted cost: longest processing time first,
 * each cell onto the least-loaded shard (ties: the lower shard), cells of equal cost in plan order.
 * The costs are the {@link CostModel}'s, from the cells' definitions alone, so every machine
 * computes the same assignment without talking to the others. Replicates go wherever the schedule
 * puts them: a cell's result does not depend on where it runs. The same schedule, with N workers
 * instead of N shards, predicts a plan's wall time ({@link DryRun}).
 *
 * @param shardOf for each cell, in plan order, its shard (0-based)
 * @param loads each shard's predicted seconds
 */
public record Shards(int[] shardOf, double[] loads) {

  /** Assigns cells of the given costs (in plan order) to {@code count} shards. */
  static Shards assign(double[] costs, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("At least one shard is needed, got " + count);
    }
    Integer[] order = IntStream.range(0, costs.length).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        Comparator.comparingDouble((Integer i) -> costs[i]).reversed().thenComparing(i -> i));
    int[] shardOf = new int[costs.length];
    double[] loads = new double[count];
    for (int cell : order) {
      int least = 0;
      for (int s = 1; s < count; s++) {
        if (loads[s] < loads[least]) {
          least = s;
        }
      }
      shardOf[cell] = least;
      loads[least] += costs[cell];
    }
    return new Shards(shardOf, loads);
  }

  /** The plan's cells scheduled onto {@code count} shards (or workers). */
  static Shards of(Plan plan, int count) {
    return assign(costs(plan), count);
  }

  /** The cost model's seconds per cell, in plan order. */
  static double[] costs(Plan plan) {
    return plan.cells().stream().mapToDouble(CostModel::planned).toArray();
  }

  /**
   * The plan restricted to one shard's cells, in plan order, under the same name (its results land
   * in the same {@code <resultsDirectory>/<plan>/} layout) and with the same claims.
   */
  public static Plan select(Plan plan, ShardSpec spec) {
    Shards shards = of(plan, spec.count());
    List<Cell> mine = new ArrayList<>();
    for (int i = 0; i < plan.cells().size(); i++) {
      if (shards.shardOf[i] == spec.index() - 1) {
        mine.add(plan.cells().get(i));
      }
    }
    return new Plan(plan.name(), plan.description(), mine, plan.claims());
  }

  /** The predicted seconds of the slowest shard: the schedule's wall time. */
  double makespan() {
    return Arrays.stream(loads).max().orElse(0);
  }
}
