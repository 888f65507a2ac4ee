package org.delvm.benchmark.plan;

import java.util.List;
import java.util.Map;

/**
 * One unit of work: a model trained with an objective on a dataset split, then evaluated.
 *
 * @param id unique within the plan, stable across runs (results are keyed by it)
 * @param experiment the paper's figure, table or section this cell reproduces
 * @param dataset catalogue id of the dataset
 * @param splitSeed seed of the dataset's split (recorded in the report)
 * @param model model name, e.g. {@code delvm-mlp}
 * @param hiddenUnits width of each hidden layer (one entry per layer)
 * @param activation activation of every layer: relu (default), softplus, tanh, sigmoid
 * @param objective registered objective name, e.g. {@code sm}
 * @param objectiveOptions the objective's options (e.g. {@code k} for cd); defaults otherwise
 * @param learningRates one Adam learning rate per layer (the last one repeats for deeper layers)
 * @param seed seed of the initial weights and of the data order
 * @param paper the paper's reported values by metric name (precision, recall, F1), percent
 */
public record Cell(
    String id,
    String experiment,
    String dataset,
    long splitSeed,
    String model,
    List<Integer> hiddenUnits,
    String activation,
    String objective,
    Map<String, Object> objectiveOptions,
    int epochs,
    int batchSize,
    List<Double> learningRates,
    long seed,
    Map<String, Double> paper) {

  public Cell {
    hiddenUnits = List.copyOf(hiddenUnits);
    activation = activation == null ? "relu" : activation;
    objectiveOptions = objectiveOptions == null ? Map.of() : Map.copyOf(objectiveOptions);
    learningRates = List.copyOf(learningRates);
    paper = paper == null ? Map.of() : Map.copyOf(paper);
  }
}
