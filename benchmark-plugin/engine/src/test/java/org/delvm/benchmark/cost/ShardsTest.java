package org.delvm.benchmark.cost;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shard assignment: deterministic, complete, balanced; the dry run built on it. */
class ShardsTest {

  @Test
  void longestFirstOntoTheLeastLoadedShardTiesInCellOrder() {
    // 5 first onto shard 0, 4 onto 1, 3 onto 1 (4 < 5), the two 2s: one onto 0 (5 < 7), then
    // 0 (7 = 7: the lower shard), the 1 onto 1.
    Shards shards = Shards.assign(new double[] {2, 5, 3, 2, 4, 1}, 2);

    assertArrayEquals(new int[] {0, 0, 1, 0, 1, 1}, shards.shardOf());
    assertArrayEquals(new double[] {9, 8}, shards.loads());
    assertEquals(9, shards.makespan());
  }

  @Test
  void everyCellRunsInExactlyOneShardTheSameOnEveryCall() {
    Plan plan = new PlanLoader().load("default", List.of());
    List<String> all = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      Plan share = Shards.select(plan, new ShardSpec(i, 3));
      assertEquals(share.cells(), Shards.select(plan, new ShardSpec(i, 3)).cells());
      assertEquals(plan.claims(), share.claims());
      assertEquals(plan.name(), share.name());
      share.cells().stream().map(Cell::id).forEach(all::add);
    }
    assertEquals(plan.cells().size(), all.size());
    assertEquals(
        Set.copyOf(plan.cells().stream().map(Cell::id).toList()), new HashSet<>(all), "no gaps");
  }

  @ParameterizedTest
  @ValueSource(strings = {"default", "paper"})
  void theLargestShardIsWithin15PercentOfTheBestPossible(String name) {
    Plan plan = new PlanLoader().load(name, List.of());
    for (int n : DryRun.SHARD_COUNTS) {
      DryRun.Balance b = DryRun.balance(plan, n);
      System.out.printf(
          "plan %s, %d shards: largest %s, max(mean, longest cell) %s, %+.1f %%%n",
          name,
          n,
          CostModel.duration(b.largest()),
          CostModel.duration(b.bound()),
          100 * b.excess());
      assertTrue(b.excess() >= 0, "no schedule beats the bound: " + b);
      assertTrue(b.excess() <= 0.15, name + ", " + n + " shards: " + b);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0/3", "4/3", "a/b", "1", "1/3/3", "", "-1/3"})
  void aBadSpecNamesThePropertyAndTheForm(String spec) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShardSpec.parse(spec));
    assertTrue(e.getMessage().contains("delvm.shard must be i/N"), e.getMessage());
    assertTrue(e.getMessage().contains("1/3"), e.getMessage());
  }

  @Test
  void aGoodSpecIsOneBased() {
    assertEquals(new ShardSpec(3, 3), ShardSpec.parse(" 3/3 "));
    assertEquals("2/5", ShardSpec.parse("2/5").toString());
  }

  @Test
  void theDryRunOfThePaperPlanNamesItsCriticalPath() {
    Plan plan = new PlanLoader().load("paper", List.of());
    List<String> lines = DryRun.describe(plan);
    lines.forEach(System.out::println);

    assertTrue(
        lines.get(0).startsWith("dry run of plan paper: " + plan.cells().size() + " cell(s)"),
        lines.get(0));
    List<Cell> critical = DryRun.criticalPath(plan);
    Cell longest = critical.get(0);
    double total = Shards.costs(plan).length == 0 ? 0 : sum(Shards.costs(plan));
    for (double c : Shards.costs(plan)) {
      assertTrue(c <= CostModel.planned(longest), "the longest comes first");
    }
    assertTrue(CostModel.planned(longest) >= total / 64, "longer than a share on 64 workers");
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("  " + longest.id() + ": ")),
        "the longest cell is named: " + lines);
    for (int workers : DryRun.WORKERS) {
      assertTrue(
          lines.stream().anyMatch(l -> l.startsWith("predicted wall time on " + workers + " ")),
          lines.toString());
    }
    assertTrue(
        lines.stream().anyMatch(l -> l.startsWith("memory: the largest cell, ")), lines.toString());
    // On 64 workers the plan cannot finish before its longest cell, and does not on 1 either.
    assertEquals(
        CostModel.planned(longest), Shards.assign(Shards.costs(plan), 64).makespan(), 1e-6);
    assertEquals(total, Shards.assign(Shards.costs(plan), 1).makespan(), 1e-6 * total);
  }

  private static double sum(double[] values) {
    double s = 0;
    for (double v : values) {
      s += v;
    }
    return s;
  }
}
