package org.delvm.benchmark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

  private final List<String> info = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();

  private Progress progress(int slots) {
    return new Progress(
        List.of(cell("long", 100), cell("mid", 40), cell("short", 20), cell("tiny", 10)),
        slots,
        new Log(info::add, warnings::add),
        now::get);
  }

  private static CellSpec cell(String id, double seconds) {
    return new CellSpec(id, "{}", seconds);
  }

  private static CellReport done(String id, String status, double seconds) {
    return new CellReport(id, status, status.equals("failed") ? "boom" : null, "-", seconds, null);
  }

  @Test
  void timeLeftIsTheUnfinishedCostOverTheSlotsButNeverLessThanTheLongestCell() {
    Progress p = progress(2);
    // 170 s over 2 slots = 85 s, but the 100 s cell alone takes longer.
    assertEquals(100, p.secondsLeft(), 1e-9);
    p.finished(done("long", "completed", 200)); // the machine is twice as slow as the model
    assertEquals(2, p.speed(), 1e-9);
    assertEquals(2 * 40, p.secondsLeft(), 1e-9); // max(40, 70 / 2) x 2
    p.slots(1);
    assertEquals(2 * 70, p.secondsLeft(), 1e-9);
  }

  @Test
  void linesCountDoneRunningFailedAndWaiting() {
    Progress p = progress(2);
    p.started("long", "1", 0);
    p.started("mid", "2", 0);
    assertEquals(
        "cell mid: started on executor 2; cells: 0/4 done (0 failed), 2 running, 2 waiting;"
            + " about 100 s left (cost model over 2 task slot(s))",
        info.get(1));
    p.taskEnded("mid");
    p.finished(done("mid", "failed", 4));
    assertTrue(
        warnings.get(0).startsWith("cell mid: failed, 4.0 s: boom; cells: 1/4 done (1 failed),"),
        warnings.toString());
    p.attemptFailed("long", "ExecutorLostFailure");
    assertTrue(warnings.get(1).contains("attempt 1 (ExecutorLostFailure)"), warnings.toString());
    p.started("long", "3", 1);
    assertTrue(info.get(2).startsWith("cell long: started on executor 3 (attempt 2)"), info.get(2));
    p.finished(done("long", "completed", 50));
    p.finished(done("short", "completed", 10));
    p.finished(done("tiny", "completed", 5));
    assertTrue(
        info.get(info.size() - 1)
            .endsWith("cells: 4/4 done (1 failed), 0 running, 0 waiting; none left"));
  }

  @Test
  void aStartOnAFullClusterMeansTheOldestRunningCellHasEnded() {
    Progress p = progress(2);
    p.started("long", "1", 0);
    p.started("mid", "2", 0);
    p.started("short", "1", 0); // before Spark reports the end of "long"
    assertTrue(
        info.get(2)
            .endsWith(
                "cells: 0/4 done (0 failed), 2 running, 1 waiting;"
                    + " about 100 s left (cost model over 2 task slot(s))"),
        info.get(2));
  }

  @Test
  void aHeartbeatOnlyAfterTenQuietMinutes() {
    Progress p = progress(1);
    p.started("long", "1", 0);
    int lines = info.size();
    now.addAndGet(Progress.HEARTBEAT_MILLIS - 1);
    p.heartbeat();
    assertEquals(lines, info.size());
    now.addAndGet(1);
    p.heartbeat();
    assertTrue(info.get(lines).startsWith("still running; cells: 0/4 done"), info.toString());
  }
}
