package org.delvm.benchmark.datasets;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the ECG5000 anomaly experiment is set up: which beats train the model, which class is
 * positive, and which side of the threshold a positive lies on. The paper describes none of this
 * beyond its counts; its Fig. 7 precision/recall pairs are only consistent with 560 positives among
 * 1000 test beats, the normal beats of a random 80/20 split, so the protocols besides the project's
 * own run that reading side by side.
 */
public enum EcgProtocol {
  /**
   * The project's reading of the counts: 1639 normal training beats, positive = anomaly, flagged
   * when the score is above the threshold (see {@link EcgAnomalySplit}).
   */
  PROJECT(
      "project",
      false,
      false,
      true,
      "1000 random test beats; the first 1639 normal beats of the other 4000 train; positive ="
          + " anomaly (UCR classes 2-5), predicted when the score is above the threshold"),
  /**
   * TensorFlow's ECG autoencoder tutorial: train on every normal beat of the 80 % part, positive =
   * normal, a beat predicted normal when its score is below the threshold.
   */
  TF_TUTORIAL(
      "tf-tutorial",
      false,
      true,
      false,
      "random 80/20 split of all beats (1000 test); every normal beat of the 80 % part trains;"
          + " positive = normal, predicted normal when the score is below the threshold (the split"
          + " is of the tutorial's kind, not its beats: the tutorial's ecg.csv has 4998 rows)"),
  /**
   * The protocol the paper's numbers imply: the same split, trained on the abnormal beats of the 80
   * % part (about 1639), positive = normal, predicted positive when the score is above the
   * threshold (normal beats reconstruct badly from a model of abnormal ones).
   */
  PAPER_AS_RUN(
      "paper-as-run",
      true,
      true,
      true,
      "random 80/20 split of all beats (1000 test); every abnormal beat of the 80 % part trains"
          + " (about the paper's 1639); positive = normal, predicted when the score is above the"
          + " threshold");

  private final String id;
  private final boolean trainOnAnomalous;
  private final boolean positiveIsNormal;
  private final boolean flagsAbove;
  private final String rule;

  EcgProtocol(
      String id,
      boolean trainOnAnomalous,
      boolean positiveIsNormal,
      boolean flagsAbove,
      String rule) {
    this.id = id;
    this.trainOnAnomalous = trainOnAnomalous;
    this.positiveIsNormal = positiveIsNormal;
    this.flagsAbove = flagsAbove;
    this.rule = rule;
  }

  /** The name plans use. */
  public String id() {
    return id;
  }

  /** The protocol in a sentence, for the report. */
  public String rule() {
    return rule;
  }

  /** Whether a sample is predicted positive when its score is above the threshold (else below). */
  public boolean flagsAbove() {
    return flagsAbove;
  }

  /** The positive class in words. */
  public String positive() {
    return positiveIsNormal ? "normal (UCR class 1)" : "anomaly (UCR classes 2-5)";
  }

  /** The protocol's split of the UCR beats with the given shuffle seed. */
  public EcgAnomalySplit split(long seed) {
    return this == PROJECT
        ? EcgAnomalySplit.paper(seed)
        : new EcgAnomalySplit(
            seed,
            EcgAnomalySplit.PAPER_TEST_SIZE,
            Integer.MAX_VALUE,
            EcgAnomalySplit.UCR_NORMAL_CLASS,
            trainOnAnomalous,
            positiveIsNormal);
  }

  /** The protocol named {@code id}. */
  public static EcgProtocol of(String id) {
    return Arrays.stream(values())
        .filter(p -> p.id.equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown ECG protocol '"
                        + id
                        + "': expected one of "
                        + Arrays.stream(values())
                            .map(EcgProtocol::id)
                            .collect(Collectors.joining(", "))));
  }
}
