package org.delvm.benchmark.models.training;

import java.util.List;

/**
 * What happened when a model was trained.
 *
 * @param status completed, or diverged (NaN/Inf or exploding loss), which stops that run only
 * @param epochLosses mean training loss of each finished epoch
 * @param lastGoodEpoch the last epoch (1-based) that finished with a finite loss; 0 if none
 * @param message why training stopped early, or empty
 * @param diagnostics one entry per finished epoch when the trainer was asked for them ({@link
 *     ModelTrainer#withDiagnostics}, DELVMs only); empty otherwise
 */
public record TrainingResult(
    Status status,
    List<Double> epochLosses,
    int lastGoodEpoch,
    double seconds,
    double samplesPerSecond,
    String message,
    List<EpochDiagnostics> diagnostics) {

  /** A result without diagnostics. */
  public TrainingResult(
      Status status,
      List<Double> epochLosses,
      int lastGoodEpoch,
      double seconds,
      double samplesPerSecond,
      String message) {
    this(status, epochLosses, lastGoodEpoch, seconds, samplesPerSecond, message, List.of());
  }

  public enum Status {
    COMPLETED,
    DIVERGED
  }

  public double finalLoss() {
    return epochLosses.isEmpty() ? Double.NaN : epochLosses.get(epochLosses.size() - 1);
  }
}
