package org.delvm.benchmark.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A claim of the paper, checked against the plan's results after the run. The cells it reads are
 * the completed cells whose {@code experiment} starts with {@link #experiment} and whose series and
 * coordinate on {@link #axis} it names; replicates (seeds) at one coordinate are averaged.
 *
 * <p>Kinds:
 *
 * <ul>
 *   <li>{@code dominates}: series {@link #better} has a higher {@link #metric} than series {@link
 *       #worse} at every value of {@link #axis} where both have a result.
 *   <li>{@code best}: series {@link #series} has its highest metric at {@link #axis} = {@link
 *       #expected}.
 *   <li>{@code value}: series {@link #series} at {@link #axis} = {@link #at} is within {@link
 *       #tolerance} of {@link #expected} (the paper's number).
 * </ul>
 *
 * A claim whose cells are missing (a model not implemented, every cell diverged) is NOT TESTABLE,
 * with the reason; {@link #note} is added to that reason.
 *
 * @param metric the metric compared; default F1
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Claim(
    String id,
    String text,
    String kind,
    String experiment,
    String metric,
    String axis,
    String series,
    String better,
    String worse,
    Double at,
    Double expected,
    Double tolerance,
    String note) {

  public static final List<String> KINDS = List.of("dominates", "best", "value");

  public Claim {
    metric = metric == null ? "F1" : metric;
    experiment = experiment == null ? "" : experiment;
  }

  /** The checked claim as its kind; only for a claim the plan loader has accepted. */
  public PaperClaim resolve() {
    PaperClaim.Subject subject =
        new PaperClaim.Subject(id, text, experiment, metric, axis, note == null ? "" : note);
    return switch (kind) {
      case "dominates" -> new PaperClaim.Dominates(subject, better, worse);
      case "best" -> new PaperClaim.Best(subject, series, expected);
      case "value" -> new PaperClaim.Value(subject, series, at, expected, tolerance);
      default ->
          throw new IllegalStateException(
              "claim " + id + " has kind " + kind + ": the plan loader should have refused it");
    };
  }
}
