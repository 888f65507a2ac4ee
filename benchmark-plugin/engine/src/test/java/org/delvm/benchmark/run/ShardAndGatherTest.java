package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.delvm.benchmark.cost.ShardSpec;
import org.delvm.benchmark.cost.Shards;
import org.delvm.benchmark.datasets.FetchSettings;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.Plan;
import org.delvm.benchmark.plan.PlanLoader;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.ReportWriter;
import org.delvm.benchmark.report.Reproduction;
import org.delvm.benchmark.report.drift.MetricsJson;
import org.delvm.benchmark.store.CodeVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The smoke plan run as 3 shards into 3 results directories, then gathered, gives the report of the
 * unsharded run: the same cells with bit-identical metrics, the same replicate aggregates and claim
 * verdicts.
 */
class ShardAndGatherTest {

  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();

  @Test
  void threeShardsGatheredGiveTheReportOfTheUnshardedRun() throws Exception {
    Plan plan = smokePlan();
    FetchSettings fetch = TinyPlans.offline(dir.resolve("cache"));
    new Reproducer(fetch, dir.resolve("whole"), false, log::add)
        .run(plan, dir.resolve("whole-report"));

    List<Path> shards = new ArrayList<>();
    Set<String> ran = new HashSet<>();
    for (int i = 1; i <= 3; i++) {
      Path results = dir.resolve("shard-" + i);
      shards.add(results);
      Plan share = Shards.select(plan, new ShardSpec(i, 3));
      assertFalse(share.cells().isEmpty(), "shard " + i + " has cells");
      List<CellOutcome> outcomes = new Reproducer(fetch, results, false, log::add).runCells(share);
      outcomes.forEach(o -> assertFalse(o.reused(), o.result().id()));
      outcomes.forEach(o -> assertTrue(ran.add(o.result().id()), "run once: " + o.result().id()));
      assertEquals(share.cells().size(), storedFiles(results.resolve("smoke")));
    }
    assertEquals(
        plan.cells().stream().map(Cell::id).collect(java.util.stream.Collectors.toSet()), ran);

    log.clear();
    PlanOutcome gathered =
        Reproducer.gathering(fetch, dir.resolve("gather-scratch"), shards, RunLog.of(log::add))
            .run(plan, dir.resolve("gathered-report"));

    assertTrue(gathered.cells().stream().allMatch(CellOutcome::reused), "nothing trained");
    assertEquals(List.of(), gathered.notRun());
    Reproduction whole =
        MetricsJson.read(dir.resolve("whole-report").resolve(ReportWriter.METRICS_FILE));
    Reproduction fromShards =
        MetricsJson.read(dir.resolve("gathered-report").resolve(ReportWriter.METRICS_FILE));
    assertEquals(ids(whole.cells()), ids(fromShards.cells()));
    for (int i = 0; i < whole.cells().size(); i++) {
      CellResult a = whole.cells().get(i);
      CellResult b = fromShards.cells().get(i);
      assertEquals(a.status(), b.status(), a.id());
      assertEquals(a.metrics(), b.metrics(), a.id() + ": bit-identical metrics");
      assertEquals(a.epochLosses(), b.epochLosses(), a.id());
    }
    assertEquals(whole.replicates(), fromShards.replicates());
    assertEquals(whole.claims(), fromShards.claims());
    // Every trained cell says what ran it; the gathered ones keep their shard's record.
    for (CellResult c : fromShards.cells()) {
      if (plan.cells().stream().anyMatch(p -> p.id().equals(c.id()))) {
        assertEquals(CodeVersion.current().codeSha256(), c.provenance().codeSha256(), c.id());
        assertTrue(c.provenance().wallSeconds() > 0, c.id());
      }
    }

    log.clear();
    PlanOutcome partial =
        Reproducer.gathering(
                fetch, dir.resolve("gather-scratch"), shards.subList(0, 2), RunLog.of(log::add))
            .run(plan, dir.resolve("partial-report"));
    List<String> third =
        Shards.select(plan, new ShardSpec(3, 3)).cells().stream().map(Cell::id).toList();
    assertEquals(third, partial.notRun());
    assertTrue(
        partial.cells().stream()
            .filter(c -> third.contains(c.result().id()))
            .allMatch(c -> c.result().message().contains("gathered results directories")),
        partial.summary().toString());
  }

  /** The shipped smoke plan: sweep, seeds, protocols, claims. */
  private static Plan smokePlan() {
    Plan plan = new PlanLoader().load("smoke", List.of());
    assertTrue(plan.cells().size() >= 6, "several cells per shard: " + plan.cells().size());
    return plan;
  }

  private static List<String> ids(List<CellResult> cells) {
    return cells.stream().map(CellResult::id).toList();
  }

  private static long storedFiles(Path planDirectory) throws Exception {
    try (Stream<Path> files = Files.list(planDirectory)) {
      return files.filter(f -> f.toString().endsWith(".json")).count();
    }
  }
}
