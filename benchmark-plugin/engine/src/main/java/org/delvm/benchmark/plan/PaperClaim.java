package org.delvm.benchmark.plan;

/**
 * A claim of the paper as the evaluator reads it: one of three kinds, each with exactly the fields
 * it needs. A plan file's {@link Claim} becomes one after the plan loader has checked it ({@link
 * Claim#resolve}).
 */
public sealed interface PaperClaim {

  /**
   * What every claim has.
   *
   * @param experiment the prefix of the experiments whose cells it reads
   * @param metric the metric compared
   * @param axis the coordinate the claim's points sit on
   * @param note added to the reason of a claim that cannot be tested; may be empty
   */
  record Subject(
      String id, String text, String experiment, String metric, String axis, String note) {}

  /** Series {@code better} has a higher metric than {@code worse} wherever both have a result. */
  record Dominates(Subject subject, String better, String worse) implements PaperClaim {}

  /** Series {@code series} is best at {@code axis = expected}. */
  record Best(Subject subject, String series, double expected) implements PaperClaim {}

  /**
   * Series {@code series} at {@code axis = at} lies within {@code tolerance} of {@code expected}.
   */
  record Value(Subject subject, String series, double at, double expected, double tolerance)
      implements PaperClaim {}

  Subject subject();

  default String id() {
    return subject().id();
  }

  default String text() {
    return subject().text();
  }

  default String experiment() {
    return subject().experiment();
  }

  default String metric() {
    return subject().metric();
  }

  default String axis() {
    return subject().axis();
  }

  default String note() {
    return subject().note();
  }
}
