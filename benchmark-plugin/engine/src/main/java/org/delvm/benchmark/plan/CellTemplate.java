package org.delvm.benchmark.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A cell as a plan file writes it. Its fields mean what the {@link Cell}'s of the same name mean,
 * but any may be left out (null), so that a sweep or an override can tell what was set; with a
 * {@link Sweep} the template stands for the cartesian product of the swept values, with {@code
 * seeds} for one cell per seed. {@link PlanExpander} expands templates and applies the defaults;
 * {@link PlanLoader} validates the expanded ones and resolves them into {@link Cell}s.
 *
 * <p>Its JSON leaves null fields out, so that an override sets exactly the fields it names. Its
 * components are the {@link Cell}'s in the same order, with the template-only ones after {@code
 * coordinates}; the loader lists them in this order when a plan names an unknown field.
 *
 * @param splitSeed one split; or {@code splitSeeds}
 * @param seed one seed; or {@code seeds}
 * @param activation default relu
 * @param objectiveOptions default none (the objective's defaults)
 * @param paper default none
 * @param series default from the model and objective ({@code sm} on {@code delvm-mlp} gives {@code
 *     SM-DELVM}), with the swept activation appended
 * @param coordinates default: the swept axes (e.g. {@code {"hidden units": 512}}), or hidden units
 *     and layers for a cell without a sweep; a CNN's "hidden units" are its "filters"
 * @param sweep values to expand into one cell per combination
 * @param seeds run every (expanded) cell once per seed; results are kept per seed and aggregated
 *     (mean, std) in the report
 * @param splitSeeds run every (expanded) cell once per split seed as well (the dataset's split is
 *     part of the replicate: ECG5000's random split); each result is kept and the replicates are
 *     aggregated together with the seeds'
 * @param overrides fields to set on single expanded cells, keyed by their id before the seed suffix
 *     (e.g. the paper's values at the one width the paper reports)
 * @param kernels one size stands for that size in every layer
 * @param evaluation left out: anomaly on ECG5000, features on images (the cell's stays null)
 * @param latentUnits default 128 for a CEBM, as the CEBM reference code
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CellTemplate(
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
    Map<String, CellTemplate> overrides,
    List<Integer> kernels,
    Cell.ImageSubset images,
    String evaluation,
    Integer latentUnits,
    Cell.Pretraining pretraining,
    String protocol) {

  // Null widths, rates and kernels are kept so that the loader can name them as problems (a null
  // seed is refused here, while the plan is read).
  public CellTemplate {
    kernels = kernels == null ? null : Collections.unmodifiableList(new ArrayList<>(kernels));
    hiddenUnits =
        hiddenUnits == null ? null : Collections.unmodifiableList(new ArrayList<>(hiddenUnits));
    objectiveOptions = objectiveOptions == null ? null : Cell.copy(objectiveOptions);
    learningRates =
        learningRates == null ? null : Collections.unmodifiableList(new ArrayList<>(learningRates));
    paper = paper == null ? null : Cell.copy(paper);
    coordinates = coordinates == null ? null : Cell.copy(coordinates);
    seeds = seeds == null ? null : List.copyOf(seeds);
    splitSeeds = splitSeeds == null ? null : List.copyOf(splitSeeds);
    overrides = overrides == null ? null : Cell.copy(overrides);
  }

  /** This cell with another id and seed (one replicate of a template with {@code seeds}). */
  CellTemplate withIdAndSeed(String newId, Long newSeed) {
    return with(newId, newSeed, seeds, splitSeed);
  }

  /** This template run once per seed in {@code newSeeds} instead of its own seed or seeds. */
  CellTemplate withSeeds(List<Long> newSeeds) {
    return with(id, null, newSeeds, splitSeed);
  }

  /** This cell on another split of its dataset (one replicate of {@code splitSeeds}). */
  CellTemplate withSplitSeed(Long newSplitSeed) {
    return with(id, seed, seeds, newSplitSeed);
  }

  private CellTemplate with(String newId, Long newSeed, List<Long> newSeeds, Long newSplitSeed) {
    return new CellTemplate(
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

  /**
   * The cell this expanded template (no sweep, seeds, split seeds or overrides; defaults applied)
   * stands for; only once the loader found every field a cell needs set and valid.
   */
  Cell resolved() {
    return new Cell(
        id,
        experiment,
        dataset,
        splitSeed,
        model,
        hiddenUnits,
        activation,
        objective,
        objectiveOptions,
        epochs,
        batchSize,
        learningRates,
        seed,
        paper,
        series,
        coordinates,
        kernels,
        images,
        evaluation,
        latentUnits,
        pretraining,
        protocol);
  }
}
