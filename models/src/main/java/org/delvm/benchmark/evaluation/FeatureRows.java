package org.delvm.benchmark.evaluation;

/**
 * A table of float features read one row at a time, so that a classifier never needs every row in
 * memory at once: in memory for small tables ({@link #of}), in a scratch file for the full datasets
 * ({@link FeatureFile}).
 */
public interface FeatureRows extends AutoCloseable {

  int rows();

  int width();

  /** Copies row {@code row} into {@code into} (length {@link #width()}). */
  void read(int row, float[] into);

  /** Releases what the table holds (a scratch file is deleted). */
  @Override
  default void close() {}

  /** The rows of an in-memory matrix (not copied); every row must have the same width. */
  static FeatureRows of(float[][] rows) {
    if (rows.length == 0) {
      throw new IllegalArgumentException("a feature table needs at least one row, got none");
    }
    int width = rows[0].length;
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != width) {
        throw new IllegalArgumentException(
            "feature row " + i + " has " + rows[i].length + " values, row 0 has " + width);
      }
    }
    return new FeatureRows() {
      @Override
      public int rows() {
        return rows.length;
      }

      @Override
      public int width() {
        return width;
      }

      @Override
      public void read(int row, float[] into) {
        System.arraycopy(rows[row], 0, into, 0, width);
      }
    };
  }
}
