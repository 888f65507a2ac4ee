package org.delvm.benchmark.run;

import java.time.Duration;

/**
 * How a {@link Reproducer} computes its cells: how many at a time, on how many compute threads
 * each, and how long one may train. One value, so that the in-process runner, the command line and
 * the Spark runner's tasks say it the same way.
 *
 * @param workers cells at a time; 0: as many as the cores and the cells' memory allow ({@link
 *     Workers#automatic})
 * @param threads ND4J's compute threads per cell; 0 or {@link ComputeThreads#AUTO}: ND4J's default
 *     (checked by {@link ComputeThreads#apply})
 * @param cellTimeout a cell training longer fails (checked after each epoch); zero: no limit
 */
public record Compute(int workers, int threads, Duration cellTimeout) {

  /** One cell at a time on ND4J's default threads, without a time limit. */
  public static final Compute SERIAL = new Compute(1, 0, Duration.ZERO);

  public Compute {
    if (workers < 0) {
      throw new IllegalArgumentException(
          "delvm.workers must be 1 or more cells at a time, or 0 to choose from the cores and"
              + " memory; got "
              + workers);
    }
    if (cellTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "delvm.cellTimeout must be 0 (no limit) or more minutes, got " + cellTimeout.toMinutes());
    }
  }
}
