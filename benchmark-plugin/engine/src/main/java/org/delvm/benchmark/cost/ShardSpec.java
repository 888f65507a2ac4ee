package org.delvm.benchmark.cost;

/**
 * One share of a plan: shard {@code index} of {@code count}, 1-based, as {@code -Ddelvm.shard=2/3}
 * gives it. Every shard of a plan computes the same assignment ({@link Shards}), so {@code 1/N} ..
 * {@code N/N} run each cell exactly once, wherever they run.
 */
public record ShardSpec(int index, int count) {

  /** The property that sets it, for messages. */
  public static final String PROPERTY = "delvm.shard";

  public ShardSpec {
    if (count < 1 || index < 1 || index > count) {
      throw new IllegalArgumentException(
          PROPERTY
              + " must be i/N with 1 <= i <= N, e.g. 1/3 .. 3/3; got "
              + index
              + "/"
              + count
              + ".");
    }
  }

  /** Parses {@code i/N}, e.g. {@code 2/3}. */
  public static ShardSpec parse(String spec) {
    String[] parts = spec == null ? new String[0] : spec.strip().split("/", -1);
    try {
      if (parts.length == 2) {
        return new ShardSpec(
            Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
      }
    } catch (NumberFormatException e) {
      // Reported below with the expected form.
    }
    throw new IllegalArgumentException(
        PROPERTY
            + " must be i/N, the 1-based shard number and the number of shards, e.g."
            + " -D"
            + PROPERTY
            + "=1/3 .. -D"
            + PROPERTY
            + "=3/3; got '"
            + spec
            + "'.");
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
