package org.delvm.benchmark.run;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Where a run reports: progress lines, and warnings that must not be missed (cells skipped for want
 * of data, a stored result rejected). The Mojos pass Maven's info and warn; the messages carry no
 * level prefix of their own.
 */
public record RunLog(Consumer<String> info, Consumer<String> warning) {

  public RunLog {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(warning, "warning");
  }

  /** One channel for both: warnings are marked with a {@code WARNING: } prefix. */
  public static RunLog of(Consumer<String> log) {
    return new RunLog(log, line -> log.accept("WARNING: " + line));
  }
}
