package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlanClockTest {

  @Test
  void theRestIsTheCostModelScaledByThisRunsSpeed() {
    PlanClock clock = new PlanClock(new double[] {10, 0, 20, 30}, 1);

    assertEquals(60, clock.secondsLeft(), 1e-9);
    assertEquals("plan: at most 60 s left (cost model)", clock.describe());

    clock.finished(0, 25, true); // 2.5 times slower than estimated
    assertEquals(2.5 * 50, clock.secondsLeft(), 1e-9);
    clock.finished(1, 0, false);
    assertEquals(
        "plan: at most 2 min left (cost model x2.5, from this run's cells)", clock.describe());

    clock.finished(2, 20, true); // 45 s for 30 s estimated so far
    assertEquals(1.5 * 30, clock.secondsLeft(), 1e-9);
  }

  @Test
  void reusedCellsDoNotChangeTheSpeedAndWorkersShareWhatIsLeft() {
    PlanClock clock = new PlanClock(new double[] {10, 20, 30, 40}, 2);

    clock.finished(3, 1, false); // reused: done, but says nothing about this machine's speed
    assertEquals(60 / 2.0, clock.secondsLeft(), 1e-9);
    clock.finished(2, 60, true); // two cells at a time, each twice as slow as estimated
    assertEquals(2 * 30 / 2.0, clock.secondsLeft(), 1e-9);
  }
}
