package org.delvm.benchmark.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit of work: a model trained with an objective on a dataset split, then evaluated.
 *
 * <p>In a plan file a cell may be a <em>template</em>: with a {@link Sweep} it stands for the
 * cartesian product of the swept values, with {@code seeds} for one cell per seed. {@link
 * PlanLoader} expands templates; the cells of a loaded {@link Plan} have no sweep, seeds or
 * overrides, and every field the runner reads is set (defaults applied). Fields a plan file leaves
 * out are null here until then, so that a sweep or an override can tell what was set.
 *
 * @param id unique within the plan, stable across runs (results are keyed by it); letters, digits,
 *     '.', '_' and '-' only
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
 * @param series the curve of the experiment's plot the cell belongs to; default from the objective
 *     ({@code sm} gives {@code SM-DELVM})
 * @param coordinates where the cell sits on the plot's axes; default: the swept axes (e.g. {@code
 *     {"hidden units": 512}}), or hidden units and layers for a cell without a sweep
 * @param sweep template only: values to expand into one cell per combination
 * @param seeds template only: run every (expanded) cell once per seed; results are kept per seed
 *     and aggregated (mean, std) in the report
 * @param splitSeeds template only: run every (expanded) cell once per split seed as well (the
 *     dataset's split is part of the replicate: ECG5000's random split); each result is kept and
 *     the replicates are aggregated together with the seeds'
 * @param overrides template only: fields to set on single expanded cells, keyed by their id before
 *     the seed suffix (e.g. the paper's values at the one width the paper reports)
 * @param kernels convolutional models ({@code -cnn}) only: the square kernel size of each layer, or
 *     one size for every layer (then {@code hiddenUnits} lists the filters of each layer)
 * @param images image datasets only: how many training and test images (a seeded subset) and the
 *     epochs of the softmax classifier that measures the learned features; for anomaly detection on
 *     CIFAR-10 the caps on the paper's split (normal training images, test images)
 * @param evaluation {@code features} (a softmax classifier on the learned features) or {@code
 *     anomaly} (reconstruction error, thresholded); default: anomaly on ECG5000, features on images
 * @param pretraining {@code delvm-mlp} with sigmoid units only: initialise f by stacked RBMs (see
 *     {@link Pretraining}); null: Glorot initialisation
 * @param latentUnits CEBM models only: K, the size of the conjugate Gaussian latent (the network's
 *     output has 2K units); default 128, as the CEBM reference code
 * @param protocol ECG5000 only: the anomaly protocol ({@code project}, {@code tf-tutorial}, {@code
 *     paper-as-run}; see EcgProtocol); null: {@code project}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Cell(
    String id,
    String experiment,
    String dataset,
    Long splitSeed,
    String model,
    List<Integer> hiddenUnits,
    String activation,
    String objective,
    Map<String, Object> objectiveOptions,
    Integer epochs,
    Integer batchSize,
    List<Double> learningRates,
    Long seed,
    Map<String, Double> paper,
    String series,
    Map<String, Double> coordinates,
    Sweep sweep,
    List<Long> seeds,
    List<Long> splitSeeds,
    Map<String, Cell> overrides,
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
    kernels = kernels == null ? null : Collections.unmodifiableList(new ArrayList<>(kernels));
    hiddenUnits =
        hiddenUnits == null ? null : Collections.unmodifiableList(new ArrayList<>(hiddenUnits));
    objectiveOptions = objectiveOptions == null ? null : copy(objectiveOptions);
    learningRates =
        learningRates == null ? null : Collections.unmodifiableList(new ArrayList<>(learningRates));
    paper = paper == null ? null : copy(paper);
    coordinates = coordinates == null ? null : copy(coordinates);
    seeds = seeds == null ? null : List.copyOf(seeds);
    splitSeeds = splitSeeds == null ? null : List.copyOf(splitSeeds);
    overrides = overrides == null ? null : copy(overrides);
  }

  /** A concrete cell (no template fields); series and coordinates take their defaults. */
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

  /** This cell with another id and seed (one replicate of a template with {@code seeds}). */
  public Cell withIdAndSeed(String newId, Long newSeed) {
    return with(newId, newSeed, seeds, splitSeed);
  }

  /** This template run once per seed in {@code newSeeds} instead of its own seed or seeds. */
  public Cell withSeeds(List<Long> newSeeds) {
    return with(id, null, newSeeds, splitSeed);
  }

  /** This cell on another split of its dataset (one replicate of {@code splitSeeds}). */
  public Cell withSplitSeed(Long newSplitSeed) {
    return with(id, seed, seeds, newSplitSeed);
  }

  private Cell with(String newId, Long newSeed, List<Long> newSeeds, Long newSplitSeed) {
    return new Cell(
        newId,
        experiment,
        dataset,
        newSplitSeed,
        model,
        hiddenUnits,
        activation,
        objective,
        objectiveOptions,
        epochs,
        batchSize,
        learningRates,
        newSeed,
        paper,
        series,
        coordinates,
        sweep,
        newSeeds,
        splitSeeds,
        overrides,
        kernels,
        images,
        evaluation,
        latentUnits,
        pretraining,
        protocol);
  }

  private static <V> Map<String, V> copy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
