package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real ECG5000 copy bundled in the jar: it verifies offline and splits as the paper says. */
class BundledEcg5000Test {

  @TempDir Path cache;

  @Test
  void bundledCopyVerifiesParsesAndSplits() throws IOException {
    FetchSettings offline =
        FetchSettings.builder().cacheDirectory(cache).offline(true).log(line -> {}).build();

    FetchedDataset ecg = new DatasetFetcher(offline).fetch("ecg5000");

    for (FetchedDataset.FetchedFile file : ecg.files()) {
      assertEquals("bundled", file.source());
    }
    LabelledSeries train = UcrTimeSeriesReader.read(ecg.path("ECG5000_TRAIN.txt"));
    LabelledSeries test = UcrTimeSeriesReader.read(ecg.path("ECG5000_TEST.txt"));
    assertEquals(500, train.size());
    assertEquals(4500, test.size());
    assertEquals(140, train.length());
    // Class counts from the mirror's README.
    assertEquals(Map.of(1, 292, 2, 177, 3, 10, 4, 19, 5, 2), classCounts(train));
    assertEquals(Map.of(1, 2627, 2, 1590, 3, 86, 4, 175, 5, 22), classCounts(test));

    EcgSplit split = EcgAnomalySplit.paper(1).apply(train, test);
    assertEquals(1639, split.train().length);
    assertEquals(1000, split.testNormal() + split.testAnomalous());
    assertEquals(2919, split.testNormal() + split.trainNormal() + split.heldOutNormal());
    assertTrue(split.heldOutNormal() > 0);
  }

  private static Map<Integer, Integer> classCounts(LabelledSeries series) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (int label : series.labels()) {
      counts.merge(label, 1, Integer::sum);
    }
    return counts;
  }
}
