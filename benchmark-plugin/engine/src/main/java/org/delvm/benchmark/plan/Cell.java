package org.delvm.benchmark.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One unit of work: a model trained with an objective on a dataset split, then evaluated. The cells
 * of a loaded {@link Plan} are these, resolved from the plan file's {@link CellTemplate}s by {@link
 * PlanLoader}: expanded, defaults applied, validated.
 *
 * <p>Every field is set but those that only some kinds of cell have ({@code kernels}, {@code
 * images}, {@code evaluation}, {@code latentUnits}, {@code pretraining}, {@code protocol}): they
 * are null where the cell has none. The cell's JSON (null fields left out, fields in this order) is
 * its identity: its hash is part of every stored result's fingerprint, and the Spark runner ships
 * cells as JSON. A change to the components changes that JSON and makes every stored result stale.
 *
 * @param id unique within the plan, stable across runs (results are keyed by it); letters, digits,
 *     '.', '_' and '-' only
 * @param experiment the paper's figure, table or section this cell reproduces
 * @param dataset catalogue id of the dataset
 * @param splitSeed seed of the dataset's split (recorded in the report)
 * @param model model name, e.g. {@code delvm-mlp}
 * @param hiddenUnits width of each hidden layer (one entry per layer)
 * @param activation activation of every layer: relu, softplus, tanh, sigmoid
 * @param objective registered objective name, e.g. {@code sm}
 * @param objectiveOptions the objective's options (e.g. {@code k} for cd); empty: its defaults
 * @param learningRates one Adam learning rate per layer (the last one repeats for deeper layers)
 * @param seed seed of the initial weights and of the data order
 * @param paper the paper's reported values by metric name (precision, recall, F1), percent; may be
 *     empty
 * @param series the curve of the experiment's plot the cell belongs to, e.g. {@code SM-DELVM};
 *     empty if the model has no known series
 * @param coordinates where the cell sits on the plot's axes, e.g. {@code {"hidden units": 512}}
 * @param kernels convolutional models ({@code -cnn}) only, null otherwise: the square kernel size
 *     of each layer (then {@code hiddenUnits} lists the filters of each layer)
 * @param images image datasets only, null otherwise: how many training and test images (a seeded
 *     subset) and the epochs of the softmax classifier that measures the learned features; for
 *     anomaly detection on CIFAR-10 the caps on the paper's split (normal training images, test
 *     images)
 * @param evaluation {@code features} (a softmax classifier on the learned features) or {@code
 *     anomaly} (reconstruction error, thresholded); null where the plan leaves it to the dataset
 *     (see {@link #evaluationKind()})
 * @param latentUnits CEBM cells (K, the size of the conjugate Gaussian latent; the network's output
 *     has 2K units) and VAE cells that set it only, null otherwise
 * @param pretraining {@code delvm-mlp} cells with sigmoid units that initialise f by stacked RBMs
 *     only; null: Glorot initialisation
 * @param protocol ECG5000 cells only, and only where the plan names it: the anomaly protocol
 *     ({@code project}, {@code tf-tutorial}, {@code paper-as-run}; see EcgProtocol); null: {@code
 *     project}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
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
    Map<String, Double> paper,
    String series,
    Map<String, Double> coordinates,
    List<Integer> kernels,
    ImageSubset images,
    String evaluation,
    Integer latentUnits,
    Pretraining pretraining,
    String protocol) {

  /**
   * Layer-wise pre-training of a {@code delvm-mlp}'s f by stacked RBMs (the RBM slides): a
   * Gaussian-Bernoulli RBM, then binary RBMs on the previous layer's p(h|v), one per hidden layer,
   * each trained by CD-k with Adam; their weights initialise the sigmoid MLP that the cell's
   * objective then trains.
   */
  public record Pretraining(Integer epochs, Integer k, Double learningRate) {}

  /** What {@code evaluation} may be. */
  public static final List<String> EVALUATIONS =
      List.of(EvaluationKind.FEATURES.label(), EvaluationKind.ANOMALY.label());

  /**
   * The images a feature-learning cell uses: seeded subsets of the official splits.
   *
   * @param probeEpochs epochs of the softmax classifier trained on the learned features
   */
  public record ImageSubset(Integer trainImages, Integer testImages, Integer probeEpochs) {}

  public Cell {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(experiment, "experiment");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(activation, "activation");
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(series, "series");
    hiddenUnits = List.copyOf(Objects.requireNonNull(hiddenUnits, "hiddenUnits"));
    objectiveOptions = copy(Objects.requireNonNull(objectiveOptions, "objectiveOptions"));
    learningRates = List.copyOf(Objects.requireNonNull(learningRates, "learningRates"));
    paper = copy(Objects.requireNonNull(paper, "paper"));
    coordinates = copy(Objects.requireNonNull(coordinates, "coordinates"));
    // Only a CNN's kernels are checked: another model's may hold anything, even nulls.
    kernels = kernels == null ? null : Collections.unmodifiableList(new ArrayList<>(kernels));
  }

  /** A cell of the common kind (none of the optional fields); series and coordinates by default. */
  public Cell(
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
    this(
        id,
        experiment,
        dataset,
        splitSeed,
        model,
        hiddenUnits,
        activation == null ? "relu" : activation,
        objective,
        objectiveOptions == null ? Map.of() : objectiveOptions,
        epochs,
        batchSize,
        learningRates,
        seed,
        paper == null ? Map.of() : paper,
        defaultSeries(model, objective),
        defaultCoordinates(hiddenUnits),
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * How the cell is judged: the VAE by what it generates; otherwise by its {@code evaluation},
   * which defaults to anomaly detection on ECG5000 and to the learned features on images.
   */
  public EvaluationKind evaluationKind() {
    return evaluationKind(model, dataset, evaluation);
  }

  /** {@link #evaluationKind()} of a cell with these fields, which may be null in a template. */
  static EvaluationKind evaluationKind(String model, String dataset, String evaluation) {
    if (ModelKind.of(model).orElse(null) == ModelKind.VAE) {
      return EvaluationKind.GENERATIVE;
    }
    boolean anomaly =
        evaluation == null
            ? "ecg5000".equals(dataset)
            : EvaluationKind.ANOMALY.label().equals(evaluation);
    return anomaly ? EvaluationKind.ANOMALY : EvaluationKind.FEATURES;
  }

  /** Whether the cell is evaluated as anomaly detection. */
  public boolean anomalyDetection() {
    return evaluationKind() == EvaluationKind.ANOMALY;
  }

  /** The paper's name for a cell's curve (see {@link ModelKind#series}); empty if unknown. */
  public static String defaultSeries(String model, String objective) {
    return ModelKind.of(model).map(k -> k.series(objective)).orElse("");
  }

  /** Coordinates of a cell without a sweep: the first layer's width and the number of layers. */
  public static Map<String, Double> defaultCoordinates(List<Integer> hiddenUnits) {
    Map<String, Double> c = new LinkedHashMap<>();
    if (hiddenUnits != null && !hiddenUnits.isEmpty() && hiddenUnits.get(0) != null) {
      c.put("hidden units", (double) hiddenUnits.get(0));
      c.put("layers", (double) hiddenUnits.size());
    }
    return c;
  }

  /** An unmodifiable copy in the same order: the order is part of the cell's JSON. */
  static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
