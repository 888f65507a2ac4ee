package org.delvm.benchmark.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class EcgProtocolTest {

  private static LabelledSeries bundled(String file) throws Exception {
    try (InputStream in =
        new GZIPInputStream(
            EcgProtocolTest.class.getResourceAsStream("bundled/ecg5000/" + file + ".gz"))) {
      return UcrTimeSeriesReader.read(in, file);
    }
  }

  @Test
  void thePaperAsRunProtocolTrainsOnAbnormalBeatsAndCountsNormalBeatsAsPositives()
      throws Exception {
    LabelledSeries train = bundled("ECG5000_TRAIN.txt");
    LabelledSeries test = bundled("ECG5000_TEST.txt");
    EcgSplit project = EcgProtocol.PROJECT.split(2023).apply(train, test);
    EcgSplit tf = EcgProtocol.TF_TUTORIAL.split(2023).apply(train, test);
    EcgSplit asRun = EcgProtocol.PAPER_AS_RUN.split(2023).apply(train, test);

    // One shuffle: the same 1000 test beats, labelled the other way round.
    assertEquals(project.testNormal(), tf.testNormal());
    int positives = 0;
    for (int i = 0; i < 1000; i++) {
      assertEquals(1 - project.testLabels()[i], asRun.testLabels()[i]);
      positives += asRun.testLabels()[i];
    }
    assertEquals(asRun.testNormal(), positives, "positive = normal");
    // 5000 beats: 2919 normal, 2081 abnormal; about 4/5 of each outside the test set.
    assertEquals(2919 - tf.testNormal(), tf.trainNormal(), "every normal non-test beat trains");
    assertEquals(2081 - asRun.testAnomalous(), asRun.trainNormal(), "every abnormal one trains");
    assertTrue(
        Math.abs(asRun.trainNormal() - 1639) < 60,
        "about the paper's 1639: " + asRun.trainNormal());
    assertTrue(asRun.summary().contains("anomalous"), asRun.summary());
    assertTrue(EcgProtocol.TF_TUTORIAL.rule().contains("below the threshold"));
    assertTrue(!EcgProtocol.TF_TUTORIAL.flagsAbove() && EcgProtocol.PAPER_AS_RUN.flagsAbove());
  }

  @Test
  void anUnknownProtocolNamesTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EcgProtocol.of("tf"));
    assertTrue(e.getMessage().contains("project, tf-tutorial, paper-as-run"), e.getMessage());
  }
}
