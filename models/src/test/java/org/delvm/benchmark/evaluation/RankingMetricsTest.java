package org.delvm.benchmark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-computed cases; anomaly = 1 is the positive class, a higher score is more anomalous. */
class RankingMetricsTest {

  @Test
  void distinctScores() {
    // scikit-learn's documented example. Pairs (anomaly, normal): 0.35>0.1, 0.35<0.4, 0.8>0.1,
    // 0.8>0.4: 3 of 4. AP: 0.8 flags 1 anomaly of 1 (P 1, R 1/2); 0.4 adds a normal; 0.35 the
    // second anomaly (P 2/3, R 1): 1/2 x 1 + 1/2 x 2/3 = 5/6.
    double[] scores = {0.1, 0.4, 0.35, 0.8};
    int[] labels = {0, 0, 1, 1};
    assertEquals(0.75, RankingMetrics.auroc(scores, labels), 1e-12);
    assertEquals(5.0 / 6, RankingMetrics.auprc(scores, labels), 1e-12);
  }

  @Test
  void tiedPairsCountOneHalfAndTiedSamplesEnterTogether() {
    // Pairs: 0.5 vs 0.2: 1, 0.5 vs 0.5 (tie): 1/2, 0.9 vs 0.2: 1, 0.9 vs 0.5: 1 -> 3.5 / 4.
    // AP: 0.9 flags the first anomaly (P 1, R 1/2); the tied 0.5s enter together (P 2/3, R 1).
    double[] scores = {0.2, 0.5, 0.5, 0.9};
    int[] labels = {0, 1, 0, 1};
    assertEquals(0.875, RankingMetrics.auroc(scores, labels), 1e-12);
    assertEquals(0.5 + 0.5 * 2 / 3.0, RankingMetrics.auprc(scores, labels), 1e-12);
    // The order of tied samples in the input does not matter.
    assertEquals(
        0.875,
        RankingMetrics.auroc(new double[] {0.2, 0.5, 0.5, 0.9}, new int[] {0, 0, 1, 1}),
        1e-12);
    assertEquals(
        0.5 + 0.5 * 2 / 3.0,
        RankingMetrics.auprc(new double[] {0.2, 0.5, 0.5, 0.9}, new int[] {0, 0, 1, 1}),
        1e-12);
  }

  @Test
  void allScoresTiedIsChanceAndThePrevalence() {
    double[] scores = {3, 3, 3, 3, 3};
    int[] labels = {0, 1, 0, 1, 1};
    assertEquals(0.5, RankingMetrics.auroc(scores, labels), 1e-12);
    assertEquals(0.6, RankingMetrics.auprc(scores, labels), 1e-12);
  }

  @Test
  void perfectAndInvertedRankings() {
    assertEquals(1.0, RankingMetrics.auroc(new double[] {1, 2, 8, 9}, new int[] {0, 0, 1, 1}));
    assertEquals(1.0, RankingMetrics.auprc(new double[] {1, 2, 8, 9}, new int[] {0, 0, 1, 1}));
    assertEquals(0.0, RankingMetrics.auroc(new double[] {9, 1}, new int[] {0, 1}));
    // 9 flags the normal sample (P 0); 1 adds the anomaly (P 1/2, R 1).
    assertEquals(0.5, RankingMetrics.auprc(new double[] {9, 1}, new int[] {0, 1}));
  }

  @Test
  void oneClassOnlyIsUndefinedAndBadInputIsRejected() {
    assertTrue(Double.isNaN(RankingMetrics.auroc(new double[] {1, 2}, new int[] {1, 1})));
    assertTrue(Double.isNaN(RankingMetrics.auprc(new double[] {1, 2}, new int[] {0, 0})));
    assertThrows(
        IllegalArgumentException.class,
        () -> RankingMetrics.auroc(new double[] {1, 2}, new int[] {0, 2}));
    assertThrows(
        IllegalArgumentException.class,
        () -> RankingMetrics.auprc(new double[] {1}, new int[] {0, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> RankingMetrics.auroc(new double[] {Double.NaN, 1}, new int[] {0, 1}));
  }
}
