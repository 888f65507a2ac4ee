package org.delvm.benchmark.report.drift;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a drift gate run says: its lines, each at the level a build log should print it, the
 * outcome, and the message that fails the build when the policy says it must.
 */
public record GateReport(List<Line> lines, GatePolicy.Outcome outcome, Optional<String> failure) {

  /** A log level, as Maven's. */
  public enum Level {
    INFO,
    WARNING,
    ERROR
  }

  /** One line of the gate's output. */
  public record Line(Level level, String text) {}

  public GateReport {
    lines = List.copyOf(lines);
  }

  static final class Builder {
    private final List<Line> lines = new ArrayList<>();
    private final GatePolicy.Outcome outcome;
    private String failure;

    Builder(GatePolicy.Outcome outcome) {
      this.outcome = outcome;
    }

    Builder info(String text) {
      lines.add(new Line(Level.INFO, text));
      return this;
    }

    Builder warn(String text) {
      lines.add(new Line(Level.WARNING, text));
      return this;
    }

    Builder error(String text) {
      lines.add(new Line(Level.ERROR, text));
      return this;
    }

    Builder failure(String message) {
      failure = message;
      return this;
    }

    GateReport build() {
      return new GateReport(lines, outcome, Optional.ofNullable(failure));
    }
  }
}
