package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlanClockTest {

  @Test
  void theRestIsTheCostModelScaledByThisRunsSpeed() {
    PlanClock clock = new PlanClock(new double[] {10, 0, 20, 30});

    assertEquals(60, clock.secondsLeft(0), 1e-9);
    assertEquals("plan: at most 60 s left (cost model)", clock.describe(0));

    clock.trained(0, 25); // 2.5 times slower than estimated
    assertEquals(2.5 * 50, clock.secondsLeft(1), 1e-9);
    assertEquals(
        "plan: at most 2 min left (cost model x2.5, from this run's cells)", clock.describe(2));

    clock.trained(2, 20); // 45 s for 30 s estimated so far
    assertEquals(1.5 * 30, clock.secondsLeft(3), 1e-9);
  }
}
