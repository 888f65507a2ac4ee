package org.delvm.benchmark.datasets;

/**
 * Equal-length time series with one integer class label each, as read from a UCR file.
 *
 * @param values {@code values[i]} is series {@code i}; all rows have the same length
 * @param labels {@code labels[i]} is the class of series {@code i}, as written in the file
 * @param source where the data came from (a file name), for messages and reports
 */
public record LabelledSeries(float[][] values, int[] labels, String source) {

  public LabelledSeries {
    if (values.length != labels.length) {
      throw new IllegalArgumentException(
          source + ": " + values.length + " series but " + labels.length + " labels");
    }
  }

  /** The number of series. */
  public int size() {
    return values.length;
  }

  /** The number of values per series (0 when there are no series). */
  public int length() {
    return values.length == 0 ? 0 : values[0].length;
  }
}
