package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ComputeTest {

  @Test
  void negativeWorkersAreRefusedNamingThePropertyAndWhatItTakes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Compute(-1, 1, Duration.ZERO));
    assertTrue(e.getMessage().startsWith("delvm.workers must be 1 or more"), e.getMessage());
    assertTrue(e.getMessage().endsWith("got -1"), e.getMessage());
  }

  @Test
  void aNegativeCellTimeoutIsRefusedNamingTheProperty() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new Compute(1, 1, Duration.ofMinutes(-5)));
    assertEquals("delvm.cellTimeout must be 0 (no limit) or more minutes, got -5", e.getMessage());
  }

  @Test
  void automaticWorkersAndNoTimeLimitAreValid() {
    Compute auto = new Compute(0, ComputeThreads.AUTO, Duration.ZERO);
    assertEquals(0, auto.workers());
    assertEquals(Duration.ZERO, auto.cellTimeout());
  }
}
