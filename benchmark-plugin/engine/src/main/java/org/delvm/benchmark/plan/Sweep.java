package org.delvm.benchmark.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * The swept fields of a cell template, each with the values to try; a template expands into the
 * cartesian product. Only these fields can be swept (a sweep over any other name is an error that
 * lists them); the seed is not swept but replicated, with the template's {@code seeds}.
 *
 * <p>Expanded ids are the template's id plus one label per swept field, in the order of this
 * record's components: model ({@code dem-cnn}), objective ({@code sm}), activation ({@code tanh}),
 * hiddenUnits ({@code mlp512}, {@code mlp2048x2048}; for a CNN, the filters), kernels ({@code k5}),
 * objectiveOptions ({@code k5}), epochs ({@code epochs10}), batchSize ({@code batch100}),
 * learningRates ({@code lr0.001}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "model",
  "objective",
  "activation",
  "hiddenUnits",
  "kernels",
  "objectiveOptions",
  "epochs",
  "batchSize",
  "learningRates"
})
public record Sweep(
    List<String> model,
    List<String> objective,
    List<String> activation,
    List<List<Integer>> hiddenUnits,
    List<List<Integer>> kernels,
    List<Map<String, Object>> objectiveOptions,
    List<Integer> epochs,
    List<Integer> batchSize,
    List<List<Double>> learningRates) {

  /** The names a sweep accepts, in id order. */
  public static final List<String> FIELDS =
      List.of(
          "model",
          "objective",
          "activation",
          "hiddenUnits",
          "kernels",
          "objectiveOptions",
          "epochs",
          "batchSize",
          "learningRates");
}
