package org.delvm.benchmark.datasets;

/**
 * A data set's official train and test images.
 *
 * @param train the training split
 * @param test the test split
 */
public record ImageSplits(LabelledImages train, LabelledImages test) {}
