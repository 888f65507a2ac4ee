package org.delvm.benchmark.models.fce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.delvm.benchmark.models.training.TrainingResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * NCE against FCE on the 3-D cosine data, reduced to seconds of training. Asserted is what must
 * hold for correct densities, whatever the training reached: no model's held-out log-likelihood
 * exceeds the data's true one, neither the EBMs' (log Z by importance sampling, or by the grid,
 * which only bounds it) nor the flows' exact ones (E_p log q <= E_p log p). The ordering of the two
 * EBMs is measured and reported in docs/fce.md, not asserted: it does not hold robustly.
 */
class CosineDensityComparisonTest {

  @Test
  void noModelBeatsTheTrueDensity() {
    CosineDensityComparison.Outcome o =
        CosineDensityComparison.run(
            new CosineDensityComparison.Settings(
                1000, 1000, 64, 10, 100, 1e-3, 4, 32, 20_000, 60, 3));
    System.out.println(CosineDensityComparison.format(o));
    for (CosineDensityComparison.Result r :
        new CosineDensityComparison.Result[] {o.nce(), o.fce()}) {
      assertEquals(TrainingResult.Status.COMPLETED, r.training().status(), r.training().message());
      assertTrue(r.modelLogLikelihood() < o.trueLogLikelihood(), r.toString());
      assertTrue(r.modelLogLikelihoodGrid() < o.trueLogLikelihood(), r.toString());
      assertTrue(r.noiseLogLikelihood() < o.trueLogLikelihood(), r.toString());
    }
  }

  /**
   * The setting docs/fce.md reports (about 3 minutes with one ND4J thread):
   * -Ddelvm.fce.standard=true. Measured with seeds 1, 2 and 3: FCE's flow is a good proposal for
   * its own model (effective sample fraction above 0.9, and the grid agrees), and FCE's
   * log-likelihood exceeds even the grid's upper bound on NCE's. Asserted as measured.
   */
  @Test
  @EnabledIfSystemProperty(named = "delvm.fce.standard", matches = "true")
  void standardSetting() {
    CosineDensityComparison.Outcome o =
        CosineDensityComparison.run(CosineDensityComparison.Settings.standard());
    System.out.println(CosineDensityComparison.format(o));
    assertTrue(o.fce().essFlow() > 0.5, o.fce().toString());
    assertTrue(o.fce().modelLogLikelihood() > o.nce().modelLogLikelihoodGrid(), o.toString());
  }
}
