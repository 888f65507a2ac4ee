package org.delvm.benchmark.spark;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where the runner reports: progress at INFO, problems a user must see (failed cells, rejected
 * stored results) at WARNING. From Maven these are Maven's levels; in a spark-submit driver,
 * log4j's.
 */
record Log(Consumer<String> info, Consumer<String> warning) {

  Log {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(warning, "warning");
  }
}
