package org.delvm.benchmark.models.objectives;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PersistentLangevinSettingsTest {

  /** A negative or non-finite step, noise or alpha is refused with the values in the message. */
  @ParameterizedTest
  @ValueSource(strings = {"stepSize", "noise", "alpha"})
  void refusesNegativeOrNonFiniteSgldSettings(String option) {
    for (double bad : new double[] {-1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Objectives.create("pcd-langevin", Map.of(option, bad)),
              option + " = " + bad);
      assertTrue(e.getMessage().contains(option + " " + bad), e.getMessage());
    }
  }
}
