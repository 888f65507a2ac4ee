package org.delvm.benchmark.plan;

import java.util.Arrays;

/** How a cell's trained model is judged; one runner per kind ({@code run.CellRunner}). */
public enum EvaluationKind {
  /** A softmax classifier on the features the model learned (the paper's image experiments). */
  FEATURES("features"),
  /** Scores thresholded into normal and anomalous: precision, recall, F1, AUROC. */
  ANOMALY("anomaly"),
  /** The VAE on generated data: its ELBO, KL and what the latent learned. */
  GENERATIVE("generative");

  private final String label;

  EvaluationKind(String label) {
    this.label = label;
  }

  /** The plan file's name for the kind ({@code evaluation}). */
  public String label() {
    return label;
  }

  /** The kind a plan file names. */
  public static EvaluationKind of(String label) {
    return Arrays.stream(values())
        .filter(k -> k.label.equals(label))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown evaluation '" + label + "': expected features or anomaly"));
  }
}
