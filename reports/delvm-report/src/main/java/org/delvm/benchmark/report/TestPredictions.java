package org.delvm.benchmark.report;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What a cell predicted for each of its test samples, beside the truth: what the confidence
 * intervals resample and what paired comparisons pair. One character per sample, the class index in
 * base 36; for anomaly detection {@code '1'} is the positive class. Two cells compared sample by
 * sample must have equal {@link #truth} (the same test set in the same order).
 *
 * @param truth the true class of each test sample
 * @param predicted the predicted class of each test sample
 */
public record TestPredictions(String truth, String predicted) {

  /** A cell without per-sample outcomes (not evaluated on a test set, or stored before them). */
  public static final TestPredictions NONE = new TestPredictions("", "");

  public TestPredictions {
    truth = truth == null ? "" : truth;
    predicted = predicted == null ? "" : predicted;
    if (truth.length() != predicted.length()) {
      throw new IllegalArgumentException(
          "test predictions need one prediction per true label: "
              + truth.length()
              + " labels, "
              + predicted.length()
              + " predictions");
    }
  }

  /** Labels and predictions as class indices (0 to 35). */
  public static TestPredictions of(int[] truth, int[] predicted) {
    return new TestPredictions(encode(truth), encode(predicted));
  }

  /** Binary predictions of a detector: {@code predictedPositive[i]} for label 1 = positive. */
  public static TestPredictions of(int[] truth, boolean[] predictedPositive) {
    int[] predicted = new int[predictedPositive.length];
    for (int i = 0; i < predicted.length; i++) {
      predicted[i] = predictedPositive[i] ? 1 : 0;
    }
    return of(truth, predicted);
  }

  public int size() {
    return truth.length();
  }

  @JsonIgnore
  public boolean isEmpty() {
    return truth.isEmpty();
  }

  /** Whether sample i is of the positive class ({@code '1'}). */
  public boolean positive(int i) {
    return truth.charAt(i) == '1';
  }

  /** Whether sample i was predicted positive ({@code '1'}). */
  public boolean predictedPositive(int i) {
    return predicted.charAt(i) == '1';
  }

  public boolean correct(int i) {
    return truth.charAt(i) == predicted.charAt(i);
  }

  /** Whether every sample got the same prediction (flags everything, nothing, or one class). */
  public boolean constantPrediction() {
    return !predicted.isEmpty() && predicted.chars().allMatch(c -> c == predicted.charAt(0));
  }

  private static String encode(int[] classes) {
    StringBuilder s = new StringBuilder(classes.length);
    for (int c : classes) {
      if (c < 0 || c >= Character.MAX_RADIX) {
        throw new IllegalArgumentException("class index " + c + " outside 0..35");
      }
      s.append(Character.forDigit(c, Character.MAX_RADIX));
    }
    return s.toString();
  }
}
