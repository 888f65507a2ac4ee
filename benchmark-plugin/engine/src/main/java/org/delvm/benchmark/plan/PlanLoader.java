package org.delvm.benchmark.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.delvm.benchmark.datasets.DatasetCatalogue;
import org.delvm.benchmark.datasets.EcgProtocol;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.vae.VaeObjective;

/**
 * Reads a plan by name (one shipped with the plugin: {@code smoke}, {@code default}, {@code paper})
 * or from a JSON file, expands its cell templates (sweeps, seeds, overrides: {@link PlanExpander})
 * and validates the cells and claims before any training starts.
 */
public final class PlanLoader {

  /** Plans shipped as resources of this module. */
  public static final List<String> SHIPPED =
      List.of("smoke", "default", "paper", "fashion-mnist", "ecg-protocols");

  /** Models the runner knows. */
  public static final List<String> MODELS = ModelKind.ids();

  /** Activations of the MLP's layers. */
  public static final List<String> ACTIVATIONS =
      Arrays.stream(Activation.values())
          .filter(a -> a != Activation.LINEAR)
          .map(a -> a.name().toLowerCase(Locale.ROOT))
          .toList();

  /** Datasets the runner can evaluate on: the catalogue's, then the generated ones. */
  public static final List<String> DATASETS =
      List.of("ecg5000", "fashion-mnist", "cifar10", "cifar10-jpeg", "cosine-3d");

  /** Datasets made by code, not fetched: the VAE paper's noisy 3-D cosine. */
  public static final List<String> GENERATED = List.of("cosine-3d");

  /** The VAE's objectives (eq. 6 and 7 of its paper). */
  public static final List<String> VAE_OBJECTIVES =
      Arrays.stream(VaeObjective.values()).map(VaeObjective::id).toList();

  private final ObjectMapper json =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * Plan names and cell ids name files (stored results, baselines): portable characters only, and
   * no leading dot, so that none is hidden, {@code .} or {@code ..}.
   */
  static final String FILE_NAME_PATTERN = "[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}";

  /** A shipped plan's name, or a path to a plan file. */
  public Plan load(String nameOrPath) {
    return load(nameOrPath, List.of());
  }

  /**
   * A plan whose every cell runs once per seed in {@code seeds} (each template's own {@code seed}
   * or {@code seeds} replaced), or as written when {@code seeds} is empty.
   */
  public Plan load(String nameOrPath, List<Long> seeds) {
    if (SHIPPED.contains(nameOrPath)) {
      String resource = nameOrPath + ".json";
      try (InputStream in = PlanLoader.class.getResourceAsStream(resource)) {
        return validate(
            parse(in, "plan '" + nameOrPath + "'").withSeeds(seeds), "plan '" + nameOrPath + "'");
      } catch (IOException e) {
        throw new PlanException("Cannot read the shipped plan " + nameOrPath + ": " + e, e);
      }
    }
    Path file = Path.of(nameOrPath);
    if (!Files.isRegularFile(file)) {
      throw new PlanException(
          "Unknown plan '"
              + nameOrPath
              + "': it is neither a shipped plan ("
              + String.join(", ", SHIPPED)
              + ") nor a readable file. Pass -Ddelvm.plan=<name or path to a .json plan>.");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return validate(parse(in, file.toString()).withSeeds(seeds), file.toString());
    } catch (IOException e) {
      throw new PlanException("Cannot read plan file " + file + ": " + e.getMessage(), e);
    }
  }

  private PlanFile parse(InputStream in, String source) throws IOException {
    try {
      PlanFile plan = json.readValue(in, PlanFile.class);
      if (plan == null) {
        throw new PlanException(
            source
                + " holds no plan (JSON null or nothing): a plan is an object {\"name\": ...,"
                + " \"description\": ..., \"cells\": [...], \"claims\": [...]}");
      }
      return plan;
    } catch (UnrecognizedPropertyException e) {
      if (e.getReferringClass() == Sweep.class) {
        throw new PlanException(
            source
                + ": cannot sweep over '"
                + e.getPropertyName()
                + "' (at "
                + path(e)
                + ", line "
                + e.getLocation().getLineNr()
                + "). Sweepable fields: "
                + String.join(", ", Sweep.FIELDS)
                + "; replicate seeds with \"seeds\": [1, 2, 3] on the cell",
            e);
      }
      throw new PlanException(
          source
              + ": unknown field '"
              + e.getPropertyName()
              + "' at line "
              + e.getLocation().getLineNr()
              + ". Valid fields here: "
              + e.getKnownPropertyIds(),
          e);
    } catch (JsonMappingException e) {
      throw new PlanException(
          source + ": at " + path(e) + location(e) + ": " + e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw new PlanException(source + location(e) + ": " + e.getOriginalMessage(), e);
    }
  }

  /** The JSON path of the failing value, e.g. {@code cells[0].seed}. */
  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.append('[').append(r.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "the top level" : path.toString();
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line "
            + e.getLocation().getLineNr()
            + ", column "
            + e.getLocation().getColumnNr()
            + ")";
  }

  /**
   * Expands the plan's templates, checks every expanded cell and claim, and resolves the cells;
   * every problem of the plan at once, so one edit fixes them all.
   */
  static Plan validate(PlanFile plan, String source) {
    List<String> problems = new ArrayList<>();
    if (plan.name() == null || plan.name().isBlank()) {
      problems.add("the plan has no name");
    } else if (!plan.name().matches(FILE_NAME_PATTERN)) {
      problems.add(
          "the plan's name '"
              + plan.name()
              + "' names its results and baseline files: it may hold only letters, digits, '.',"
              + " '_' and '-', must not start with '.' and has at most 200 characters");
    }
    if (plan.cells() == null || plan.cells().isEmpty()) {
      problems.add("the plan has no cells");
    }
    List<CellTemplate> cells =
        PlanExpander.expand(plan.cells() == null ? List.of() : plan.cells(), problems);
    Set<String> ids = new HashSet<>();
    Set<String> fileNames = new HashSet<>();
    List<String> datasetIds = DatasetCatalogue.standard().ids();
    for (CellTemplate c : cells) {
      String where = "cell '" + c.id() + "': ";
      requireUniqueId(c.id(), where, ids, fileNames, problems);
      validateCell(c, where, datasetIds, problems);
    }
    validateClaims(plan.claims(), cells, problems);
    if (!problems.isEmpty()) {
      throw new PlanException(source + " is invalid:\n  - " + String.join("\n  - ", problems));
    }
    return new Plan(
        plan.name(),
        plan.description(),
        cells.stream().map(CellTemplate::resolved).toList(),
        plan.claims());
  }

  /**
   * Ids name result files: present, unique, portable characters only, and unique ignoring case
   * (file names must differ on case-insensitive file systems too: macOS, Windows).
   */
  private static void requireUniqueId(
      String id, String where, Set<String> ids, Set<String> fileNames, List<String> problems) {
    if (id == null || !ids.add(id)) {
      problems.add(where + "cell ids must be present and unique");
    } else if (!id.matches(FILE_NAME_PATTERN)) {
      problems.add(
          where
              + "a cell id may hold only letters, digits, '.', '_' and '-', must not start with"
              + " '.' and has at most 200 characters");
    } else if (!fileNames.add(id.toLowerCase(Locale.ROOT))) {
      problems.add(where + "cell ids must differ in more than upper and lower case");
    }
  }

  /** One expanded cell's fields, and that its model fits its data. */
  private static void validateCell(
      CellTemplate c, String where, List<String> datasetIds, List<String> problems) {
    for (String field : missing(c)) {
      problems.add(where + field + " is missing");
    }
    oneOf(problems, where + "dataset", c.dataset(), DATASETS, datasetIds::contains);
    oneOf(problems, where + "model", c.model(), MODELS, MODELS::contains);
    boolean vae = ModelKind.VAE.id().equals(c.model());
    oneOf(
        problems,
        where + "objective",
        c.objective(),
        vae ? VAE_OBJECTIVES : Objectives.names(),
        n -> false);
    if (!vae && c.objective() != null && Objectives.names().contains(c.objective())) {
      try {
        Objectives.create(c.objective(), c.objectiveOptions());
      } catch (IllegalArgumentException e) {
        problems.add(where + e.getMessage());
      }
    }
    oneOf(problems, where + "activation", c.activation(), ACTIVATIONS, n -> false);
    PlanBounds.require(problems, where + "epochs", c.epochs(), 0, PlanBounds.MAX_EPOCHS);
    PlanBounds.require(problems, where + "batchSize", c.batchSize(), 1, PlanBounds.MAX_BATCH_SIZE);
    if (c.hiddenUnits() != null
        && (c.hiddenUnits().isEmpty()
            || c.hiddenUnits().size() > PlanBounds.MAX_LAYERS
            || c.hiddenUnits().stream()
                .anyMatch(w -> w == null || w < 1 || w > PlanBounds.MAX_WIDTH))) {
      problems.add(
          where
              + "hiddenUnits must list one width in [1, "
              + PlanBounds.MAX_WIDTH
              + "] per layer, at most "
              + PlanBounds.MAX_LAYERS
              + " layers, got "
              + c.hiddenUnits());
    }
    validateModelAndData(c, where, problems);
    PlanBounds.requireLearningRates(problems, where + "learningRates", c.learningRates());
  }

  /**
   * ECG5000 takes the {@code -mlp} models and anomaly detection; the image datasets take the {@code
   * -cnn} models, with kernels and image subsets, and feature learning (CIFAR-10 also anomaly
   * detection, as the paper's Table 1); the generated cosine-3d takes the VAE.
   */
  private static void validateModelAndData(CellTemplate c, String where, List<String> problems) {
    ModelKind kind = ModelKind.of(c.model()).orElse(null);
    if (kind == null || c.dataset() == null) {
      return; // reported already
    }
    boolean generated = GENERATED.contains(c.dataset());
    if ((kind == ModelKind.VAE) != generated) {
      problems.add(
          where
              + "model "
              + c.model()
              + " does not fit dataset "
              + c.dataset()
              + ": the VAE trains on the generated cosine-3d data, and only it does");
      return;
    }
    if (generated) {
      validateVae(c, where, problems);
      return;
    }
    boolean images = !c.dataset().equals("ecg5000");
    if (kind.convolutional() != images) {
      problems.add(
          where
              + "model "
              + c.model()
              + " does not fit dataset "
              + c.dataset()
              + ": ecg5000 takes the -mlp models, the image datasets the -cnn models ("
              + String.join(", ", MODELS)
              + ")");
    }
    kind.onlyObjective()
        .filter(o -> !o.equals(c.objective()))
        .ifPresent(
            o ->
                problems.add(
                    where
                        + "model "
                        + c.model()
                        + " is trained by the objective "
                        + o
                        + ", got "
                        + c.objective()));
    validateEvaluation(c, images, where, problems);
    validatePretraining(c, where, problems);
    PlanBounds.require(problems, where + "latentUnits", c.latentUnits(), 1, PlanBounds.MAX_WIDTH);
    requireFewParameters(c, images, where, problems);
    if (c.latentUnits() != null && (!c.model().startsWith("cebm-") || c.latentUnits() < 1)) {
      problems.add(
          where
              + "latentUnits must be positive and only a CEBM or the VAE has it, got "
              + c.latentUnits());
    }
    validateProtocol(c, where, problems);
    if (kind.convolutional()) {
      validateKernels(c, where, problems);
      validateImages(c, where, problems);
    }
  }

  /** The VAE: one hidden layer, its own objectives and options. */
  private static void validateVae(CellTemplate c, String where, List<String> problems) {
    if (c.hiddenUnits() != null && c.hiddenUnits().size() != 1) {
      problems.add(
          where + "the VAE has one hidden layer in encoder and decoder, got " + c.hiddenUnits());
    }
    if (c.latentUnits() != null && c.latentUnits() < 1) {
      problems.add(where + "latentUnits must be positive, got " + c.latentUnits());
    }
    if (!missing(c).isEmpty() || !VAE_OBJECTIVES.contains(c.objective())) {
      return; // reported already
    }
    // Without a first learning rate only the options can be checked; the rates' check names it.
    Double learningRate = c.learningRates().isEmpty() ? null : c.learningRates().get(0);
    try {
      VaeSettings.checkOptions(c.objectiveOptions());
      if (learningRate != null) {
        VaeSettings.of(
            c.objective(), c.objectiveOptions(), c.epochs(), c.batchSize(), learningRate, c.seed());
      }
    } catch (IllegalArgumentException e) {
      problems.add(where + e.getMessage());
    }
  }

  private static void validateEvaluation(
      CellTemplate c, boolean images, String where, List<String> problems) {
    if (c.evaluation() == null) {
      return;
    }
    oneOf(problems, where + "evaluation", c.evaluation(), Cell.EVALUATIONS, n -> false);
    if (c.evaluation().equals("features") && !images) {
      problems.add(where + "evaluation features needs an image dataset, got " + c.dataset());
    }
    if (c.evaluation().equals("anomaly") && images && !c.dataset().startsWith("cifar10")) {
      problems.add(
          where
              + "anomaly detection on images follows the paper's CIFAR-10 protocol: use cifar10"
              + " or cifar10-jpeg, got "
              + c.dataset());
    }
  }

  private static void validatePretraining(CellTemplate c, String where, List<String> problems) {
    Cell.Pretraining p = c.pretraining();
    if (p != null
        && (!c.model().equals("delvm-mlp")
            || !"sigmoid".equals(c.activation())
            || p.epochs() == null
            || p.epochs() < 0
            || p.epochs() > PlanBounds.MAX_EPOCHS
            || (p.k() != null && (p.k() < 1 || p.k() > PlanBounds.MAX_EPOCHS))
            || (p.learningRate() != null
                && !(p.learningRate() > 0 && p.learningRate() <= PlanBounds.MAX_LEARNING_RATE)))) {
      problems.add(
          where
              + "pretraining by stacked RBMs needs model delvm-mlp with activation sigmoid (the"
              + " RBMs' p(h|v)) and {\"epochs\": n >= 0, \"k\": n >= 1, \"learningRate\": > 0},"
              + " got "
              + c.model()
              + ", "
              + c.activation()
              + ", "
              + p);
    }
  }

  private static void validateProtocol(CellTemplate c, String where, List<String> problems) {
    if (c.protocol() == null) {
      return;
    }
    if (!"ecg5000".equals(c.dataset())) {
      problems.add(where + "protocol applies to ECG5000 cells only, not " + c.dataset());
    }
    try {
      EcgProtocol.of(c.protocol());
    } catch (IllegalArgumentException e) {
      problems.add(where + e.getMessage());
    }
  }

  /** A CNN's kernels: one positive size per layer, none larger than the dataset's images. */
  private static void validateKernels(CellTemplate c, String where, List<String> problems) {
    if (c.kernels() == null
        || c.hiddenUnits() == null
        || c.kernels().size() != c.hiddenUnits().size()
        || c.kernels().stream().anyMatch(k -> k == null || k < 1)) {
      problems.add(
          where
              + "a "
              + c.model()
              + " cell needs one positive kernel size per layer in kernels (hiddenUnits"
              + " lists the filters), got kernels "
              + c.kernels()
              + " for hiddenUnits "
              + c.hiddenUnits());
      return;
    }
    int side = c.dataset().startsWith("cifar10") ? 32 : 28;
    c.kernels().stream()
        .filter(k -> k > side)
        .findFirst()
        .ifPresent(
            k ->
                problems.add(
                    where
                        + "kernel size "
                        + k
                        + " is larger than the "
                        + side
                        + "x"
                        + side
                        + " images of "
                        + c.dataset()));
  }

  /** A CNN's image subset; a probe's epochs unless the cell detects anomalies. */
  private static void validateImages(CellTemplate c, String where, List<String> problems) {
    Cell.ImageSubset subset = c.images();
    boolean probe =
        Cell.evaluationKind(c.model(), c.dataset(), c.evaluation()) != EvaluationKind.ANOMALY;
    if (subset == null
        || subset.trainImages() == null
        || subset.testImages() == null
        || subset.trainImages() < 1
        || subset.testImages() < 1
        || subset.trainImages() > PlanBounds.MAX_IMAGES
        || subset.testImages() > PlanBounds.MAX_IMAGES
        || (subset.probeEpochs() != null && subset.probeEpochs() > PlanBounds.MAX_EPOCHS)
        || (probe && (subset.probeEpochs() == null || subset.probeEpochs() < 1))) {
      problems.add(
          where
              + "a "
              + c.model()
              + " cell needs images: {\"trainImages\": n, \"testImages\": n"
              + (probe ? ", \"probeEpochs\": n" : "")
              + "}, all positive, images at most "
              + PlanBounds.MAX_IMAGES
              + ", got "
              + subset);
    }
  }

  /**
   * Refuses networks whose weights alone would not fit any machine (and whose sizes overflow the
   * int arithmetic of the layers) before any cell runs; the runner checks the actual memory.
   */
  private static void requireFewParameters(
      CellTemplate c, boolean images, String where, List<String> problems) {
    List<Integer> widths = c.hiddenUnits();
    boolean convolutional = ModelKind.of(c.model()).map(ModelKind::convolutional).orElse(false);
    if (widths == null
        || widths.stream().anyMatch(w -> w == null || w < 1)
        || (convolutional
            && (c.kernels() == null
                || c.kernels().size() != widths.size()
                || c.kernels().stream().anyMatch(k -> k == null || k < 1)))) {
      return; // reported already
    }
    int inputs = !images ? 140 : c.dataset().startsWith("cifar10") ? 3 : 1;
    long parameters = PlanBounds.parameters(inputs, widths, convolutional ? c.kernels() : null);
    if (parameters > PlanBounds.MAX_PARAMETERS) {
      problems.add(
          where
              + "the network "
              + widths
              + " would have "
              + (parameters == Long.MAX_VALUE ? "more than 2^63" : Long.toString(parameters))
              + " weights, above the bound of "
              + PlanBounds.MAX_PARAMETERS
              + " (1 GiB of floats); make it smaller");
    }
  }

  /** Required fields the cell (after expansion) lacks. */
  private static List<String> missing(CellTemplate c) {
    List<String> missing = new ArrayList<>();
    if (c.experiment() == null) {
      missing.add("experiment");
    }
    if (c.splitSeed() == null) {
      missing.add("splitSeed");
    }
    if (c.hiddenUnits() == null) {
      missing.add("hiddenUnits");
    }
    if (c.epochs() == null) {
      missing.add("epochs");
    }
    if (c.batchSize() == null) {
      missing.add("batchSize");
    }
    if (c.learningRates() == null) {
      missing.add("learningRates");
    }
    if (c.seed() == null) {
      missing.add("seed (give \"seed\": n, or \"seeds\": [..] to run it once per seed)");
    }
    return missing;
  }

  private static void validateClaims(
      List<Claim> claims, List<CellTemplate> cells, List<String> problems) {
    Set<String> ids = new HashSet<>();
    Set<String> known = knownSeries(cells);
    for (Claim c : claims) {
      if (c == null) {
        problems.add("a claim is null; give an object or remove it");
        continue;
      }
      String where = "claim '" + c.id() + "': ";
      if (c.id() == null || !ids.add(c.id())) {
        problems.add(where + "claim ids must be present and unique");
      }
      if (c.text() == null || c.text().isBlank()) {
        problems.add(where + "text is missing");
      }
      if (c.kind() == null || !Claim.KINDS.contains(c.kind())) {
        problems.add(
            where
                + "kind '"
                + c.kind()
                + "' is not supported; valid: "
                + String.join(", ", Claim.KINDS));
        continue;
      }
      List<String> required = new ArrayList<>(List.of("axis"));
      switch (c.kind()) {
        case "dominates" -> required.addAll(List.of("better", "worse"));
        case "best" -> required.addAll(List.of("series", "expected"));
        default -> required.addAll(List.of("series", "at", "expected", "tolerance"));
      }
      Map<String, Object> fields = new HashMap<>();
      fields.put("axis", c.axis());
      fields.put("better", c.better());
      fields.put("worse", c.worse());
      fields.put("series", c.series());
      fields.put("expected", c.expected());
      fields.put("at", c.at());
      fields.put("tolerance", c.tolerance());
      for (String field : required) {
        if (fields.get(field) == null) {
          problems.add(where + "a '" + c.kind() + "' claim needs " + field);
        }
      }
      for (Map.Entry<String, Double> number :
          numbers(c).entrySet()) { // NaN or infinity would make every verdict vacuous
        if (number.getValue() != null && !Double.isFinite(number.getValue())) {
          problems.add(where + number.getKey() + " must be a finite number");
        }
      }
      if (c.tolerance() != null && c.tolerance() < 0) {
        problems.add(where + "tolerance must be >= 0, got " + c.tolerance());
      }
      List<CellTemplate> matching =
          cells.stream()
              .filter(cell -> cell.experiment() != null)
              .filter(cell -> cell.experiment().startsWith(c.experiment()))
              .toList();
      requireKnownSeries(c, known, where, problems);
      if (matching.isEmpty()) {
        problems.add(where + "no cell's experiment starts with '" + c.experiment() + "'");
      } else if (c.axis() != null
          && matching.stream().noneMatch(cell -> cell.coordinates().containsKey(c.axis()))) {
        problems.add(
            where
                + "axis '"
                + c.axis()
                + "' is not a coordinate of the cells of '"
                + c.experiment()
                + "'; their axes: "
                + matching.stream()
                    .flatMap(cell -> cell.coordinates().keySet().stream())
                    .distinct()
                    .toList());
      }
    }
  }

  private static Map<String, Double> numbers(Claim c) {
    Map<String, Double> numbers = new java.util.LinkedHashMap<>();
    numbers.put("at", c.at());
    numbers.put("expected", c.expected());
    numbers.put("tolerance", c.tolerance());
    return numbers;
  }

  /**
   * The series a claim may name: those of the plan's cells, and every model's default series (a
   * plan may leave a model's cells out, which makes its claims NOT TESTABLE, not wrong).
   */
  private static Set<String> knownSeries(List<CellTemplate> cells) {
    Set<String> known = new java.util.TreeSet<>();
    cells.stream().map(CellTemplate::series).filter(s -> s != null).forEach(known::add);
    for (ModelKind kind : ModelKind.values()) {
      Objectives.names().forEach(o -> known.add(kind.series(o)));
      VAE_OBJECTIVES.forEach(o -> known.add(kind.series(o)));
    }
    return known;
  }

  /** A misspelt series would leave the claim without cells, NOT TESTABLE instead of an error. */
  private static void requireKnownSeries(
      Claim c, Set<String> known, String where, List<String> problems) {
    for (String series : java.util.Arrays.asList(c.series(), c.better(), c.worse())) {
      if (series != null && !known.contains(series)) {
        problems.add(
            where
                + "series '"
                + series
                + "' is neither a series of the plan's cells nor a model's; known: "
                + known);
      }
    }
  }

  private static void oneOf(
      List<String> problems,
      String what,
      String value,
      List<String> valid,
      Predicate<String> known) {
    if (value == null || !valid.contains(value)) {
      String hint = value != null && known.test(value) ? " (known, but not runnable yet)" : "";
      problems.add(
          what
              + " '"
              + value
              + "' is not supported"
              + hint
              + "; valid: "
              + String.join(", ", valid));
    }
  }
}
