package org.delvm.benchmark.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Expands a plan's cell templates ({@link Sweep}, {@code seeds}, {@code splitSeeds}, {@code
 * overrides}) into one template per cell, and applies the defaults (activation relu, no objective
 * options, no paper values, the series and coordinates, a CEBM's latent units). The expanded
 * templates are not validated yet: {@link PlanLoader} checks them and resolves them into {@link
 * Cell}s. Problems are collected, not thrown, so that the loader reports every problem of a plan at
 * once.
 */
final class PlanExpander {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Fields an override may not set: they define the expansion itself. */
  private static final List<String> NOT_OVERRIDABLE =
      List.of("id", "sweep", "seeds", "splitSeeds", "overrides");

  private PlanExpander() {}

  /**
   * The expanded templates of {@code cells}, one per cell, in plan order; problems are added to
   * {@code problems}.
   */
  static List<CellTemplate> expand(List<CellTemplate> cells, List<String> problems) {
    List<CellTemplate> out = new ArrayList<>();
    for (CellTemplate template : cells) {
      if (template == null) {
        problems.add("a cell is null; give an object or remove it");
        continue;
      }
      if (!expand(template, problems, out)) {
        break; // the plan is too large: expanding the rest would only take time
      }
    }
    return out;
  }

  /** Expands one template into {@code out}; false when the plan's cells exceed the bound. */
  private static boolean expand(CellTemplate t, List<String> problems, List<CellTemplate> out) {
    String where = "cell '" + t.id() + "': ";
    ObjectNode base = JSON.valueToTree(t);
    base.remove(List.of("sweep", "seeds", "splitSeeds", "overrides"));
    List<Axis> axes = t.sweep() == null ? List.of() : axes(t.sweep(), base, where, problems);
    long count = (long) out.size() + cellCount(axes, t.seeds());
    if (count > PlanBounds.MAX_CELLS) {
      problems.add(
          where
              + "the plan expands to more than "
              + PlanBounds.MAX_CELLS
              + " cells (this template alone to "
              + cellCount(axes, t.seeds())
              + "); split it into several plans or sweep fewer values");
      return false;
    }
    checkReplication(t, where, problems);
    Map<String, CellTemplate> overrides = t.overrides() == null ? Map.of() : t.overrides();
    Set<String> expandedIds = new LinkedHashSet<>();
    for (List<JsonNode> combination : cartesian(axes)) {
      Combination swept = Combination.of(String.valueOf(t.id()), axes, combination, base);
      expandedIds.add(swept.id());
      override(swept, overrides.get(swept.id()), where, problems);
      CellTemplate cell;
      try {
        cell = JSON.treeToValue(swept.node(), CellTemplate.class);
      } catch (JsonProcessingException | IllegalArgumentException e) {
        problems.add(where + "expanded cell '" + swept.id() + "' is invalid: " + e.getMessage());
        continue;
      }
      replicate(t, withDefaults(cell, swept, axes.isEmpty()), out);
    }
    for (String key : overrides.keySet()) {
      if (!expandedIds.contains(key)) {
        problems.add(
            where
                + "override '"
                + key
                + "' matches no expanded cell; the expanded ids are: "
                + String.join(", ", expandedIds));
      }
    }
    return true;
  }

  /** The template's overrides, seeds and split seeds make sense. */
  private static void checkReplication(CellTemplate t, String where, List<String> problems) {
    if (t.sweep() == null && t.overrides() != null) {
      problems.add(where + "overrides apply to the cells of a sweep; this cell has no sweep");
    }
    if (t.seeds() != null) {
      if (t.seeds().isEmpty() || t.seeds().stream().anyMatch(s -> s == null)) {
        problems.add(where + "seeds must list at least one seed, got " + t.seeds());
      }
      if (t.seed() != null) {
        problems.add(where + "give either seed or seeds, not both");
      }
    }
    if (t.splitSeeds() != null) {
      if (t.splitSeeds().isEmpty() || t.splitSeeds().stream().anyMatch(s -> s == null)) {
        problems.add(where + "splitSeeds must list at least one split seed, got " + t.splitSeeds());
      }
      if (t.splitSeed() != null) {
        problems.add(where + "give either splitSeed or splitSeeds, not both");
      }
    }
  }

  /** Sets the override's fields on the swept cell; those that define the expansion it may not. */
  private static void override(
      Combination swept, CellTemplate override, String where, List<String> problems) {
    if (override == null) {
      return;
    }
    ObjectNode fields = JSON.valueToTree(override);
    for (String forbidden : NOT_OVERRIDABLE) {
      if (fields.has(forbidden)) {
        problems.add(where + "the override of '" + swept.id() + "' cannot set " + forbidden);
        fields.remove(forbidden);
      }
    }
    swept.node().setAll(fields);
  }

  /** One cell per split seed and seed of the template, or the cell itself if it has none. */
  private static void replicate(CellTemplate t, CellTemplate cell, List<CellTemplate> out) {
    List<CellTemplate> splits = new ArrayList<>();
    if (t.splitSeeds() == null || t.splitSeeds().isEmpty()) {
      splits.add(cell);
    } else {
      for (Long splitSeed : t.splitSeeds()) {
        CellTemplate split = cell.withSplitSeed(splitSeed);
        splits.add(split.withIdAndSeed(cell.id() + "-split" + splitSeed, split.seed()));
      }
    }
    for (CellTemplate split : splits) {
      if (t.seeds() == null || t.seeds().isEmpty()) {
        out.add(split);
      } else {
        for (Long seed : t.seeds()) {
          out.add(split.withIdAndSeed(split.id() + "-seed" + seed, seed));
        }
      }
    }
  }

  /**
   * One combination of swept values set on the template's fields: the cell's fields as JSON, its
   * id, its plot coordinates and what its series' name gets appended (a swept activation).
   */
  private record Combination(
      ObjectNode node, String id, Map<String, Double> coordinates, String seriesSuffix) {

    static Combination of(
        String templateId, List<Axis> axes, List<JsonNode> values, ObjectNode base) {
      ObjectNode node = base.deepCopy();
      StringBuilder id = new StringBuilder(templateId);
      Map<String, Double> coordinates = new LinkedHashMap<>();
      String seriesSuffix = "";
      for (int i = 0; i < axes.size(); i++) {
        Axis axis = axes.get(i);
        JsonNode value = values.get(i);
        node.set(axis.field, value);
        // A swept model comes first, so the labels after it see the cell's model.
        id.append('-').append(label(axis.field, value, node.path("model").asText(null)));
        axis.addCoordinates(value, coordinates);
        if (axis.field.equals("activation")) {
          seriesSuffix = ", " + value.asText();
        }
      }
      node.put("id", id.toString());
      return new Combination(node, id.toString(), coordinates, seriesSuffix);
    }
  }

  /** The cells a template expands to, saturating at {@link Long#MAX_VALUE}. */
  private static long cellCount(List<Axis> axes, List<Long> seeds) {
    long count = seeds == null || seeds.isEmpty() ? 1 : seeds.size();
    try {
      for (Axis axis : axes) {
        count = Math.multiplyExact(count, axis.values.size());
      }
      return count;
    } catch (ArithmeticException overflow) {
      return Long.MAX_VALUE;
    }
  }

  /** The expanded cell with a default for each field it leaves out, template fields cleared. */
  private static CellTemplate withDefaults(CellTemplate c, Combination swept, boolean noSweep) {
    Map<String, Double> coordinates =
        c.coordinates() != null
            ? c.coordinates()
            : noSweep ? Cell.defaultCoordinates(c.hiddenUnits()) : swept.coordinates();
    if (convolutional(c.model()) && coordinates.containsKey("hidden units")) {
      // A CNN's hiddenUnits are its filters.
      Map<String, Double> renamed = new LinkedHashMap<>();
      coordinates.forEach((k, v) -> renamed.put(k.equals("hidden units") ? "filters" : k, v));
      coordinates = renamed;
    }
    return new CellTemplate(
        c.id(),
        c.experiment(),
        c.dataset(),
        c.splitSeed(),
        c.model(),
        c.hiddenUnits(),
        c.activation() == null ? "relu" : c.activation(),
        c.objective(),
        c.objectiveOptions() == null ? Map.of() : c.objectiveOptions(),
        c.epochs(),
        c.batchSize(),
        c.learningRates(),
        c.seed(),
        c.paper() == null ? Map.of() : c.paper(),
        c.series() != null
            ? c.series()
            : Cell.defaultSeries(c.model(), c.objective()) + swept.seriesSuffix(),
        coordinates,
        null,
        null,
        null,
        null,
        sameKernelForEveryLayer(c.kernels(), c.hiddenUnits()),
        c.images(),
        c.evaluation(),
        c.latentUnits() == null && c.model() != null && c.model().startsWith("cebm-")
            ? Integer.valueOf(128)
            : c.latentUnits(),
        c.pretraining(),
        c.protocol());
  }

  /** The sweep's fields with their values, in {@link Sweep#FIELDS} order. */
  private static List<Axis> axes(
      Sweep sweep, ObjectNode base, String where, List<String> problems) {
    ObjectNode node = JSON.valueToTree(sweep);
    List<Axis> axes = new ArrayList<>();
    for (String field : Sweep.FIELDS) {
      JsonNode values = node.get(field);
      if (values == null) {
        continue;
      }
      if (base.hasNonNull(field)) {
        problems.add(
            where + "'" + field + "' is both set and swept; remove it from the cell or the sweep");
      }
      List<JsonNode> list = new ArrayList<>();
      values.forEach(list::add);
      if (list.isEmpty() || list.stream().anyMatch(JsonNode::isNull)) {
        problems.add(where + "sweep '" + field + "' must list at least one value, got " + values);
        continue;
      }
      axes.add(new Axis(field, list));
    }
    if (axes.isEmpty()) {
      problems.add(where + "the sweep is empty; sweepable: " + String.join(", ", Sweep.FIELDS));
    }
    return axes;
  }

  /** Every combination of one value per axis, the last axis varying fastest. */
  private static List<List<JsonNode>> cartesian(List<Axis> axes) {
    List<List<JsonNode>> combinations = new ArrayList<>();
    combinations.add(List.of());
    for (Axis axis : axes) {
      List<List<JsonNode>> next = new ArrayList<>();
      for (List<JsonNode> prefix : combinations) {
        for (JsonNode value : axis.values) {
          List<JsonNode> c = new ArrayList<>(prefix);
          c.add(value);
          next.add(c);
        }
      }
      combinations = next;
    }
    return combinations;
  }

  /** The id label of one swept value: readable, file-name safe. */
  static String label(String field, JsonNode value, String model) {
    String label =
        switch (field) {
          case "hiddenUnits" -> (convolutional(model) ? "f" : "mlp") + join(value, "x");
          case "kernels" -> "k" + join(value, "x");
          case "epochs" -> "epochs" + value.asText();
          case "batchSize" -> "batch" + value.asText();
          case "learningRates" -> "lr" + join(value, "_");
          case "objectiveOptions" -> {
            StringBuilder s = new StringBuilder();
            new TreeMap<>(JSON.convertValue(value, Map.class))
                .forEach((k, v) -> s.append(s.length() == 0 ? "" : "-").append(k).append(v));
            yield s.length() == 0 ? "defaults" : s.toString();
          }
          default -> value.asText();
        };
    return label.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static String join(JsonNode array, String separator) {
    StringBuilder s = new StringBuilder();
    Iterator<JsonNode> it = array.elements();
    while (it.hasNext()) {
      s.append(it.next().asText()).append(it.hasNext() ? separator : "");
    }
    return array.isArray() ? s.toString() : array.asText();
  }

  /** One swept field and its values; knows which plot coordinates its values give. */
  private static final class Axis {
    final String field;
    final List<JsonNode> values;
    private final boolean depthVaries;
    private final boolean widthVaries;

    Axis(String field, List<JsonNode> values) {
      this.field = field;
      this.values = values;
      if (field.equals("hiddenUnits")) {
        depthVaries = values.stream().map(JsonNode::size).distinct().count() > 1;
        widthVaries = values.stream().map(v -> v.path(0).asInt()).distinct().count() > 1;
      } else {
        depthVaries = false;
        widthVaries = false;
      }
    }

    /**
     * hiddenUnits gives "hidden units" (first layer's width) when the width varies, "layers" when
     * the depth varies; numeric fields give themselves; objective and activation name the series.
     */
    void addCoordinates(JsonNode value, Map<String, Double> coordinates) {
      switch (field) {
        case "hiddenUnits" -> {
          if (widthVaries || !depthVaries) {
            coordinates.put("hidden units", value.path(0).asDouble());
          }
          if (depthVaries) {
            coordinates.put("layers", (double) value.size());
          }
        }
        case "kernels" -> coordinates.put("kernel size", value.path(0).asDouble());
        case "epochs" -> coordinates.put("epochs", value.asDouble());
        case "batchSize" -> coordinates.put("batch size", value.asDouble());
        case "learningRates" -> coordinates.put("learning rate", value.path(0).asDouble());
        case "objectiveOptions" ->
            value
                .fields()
                .forEachRemaining(
                    e -> {
                      if (e.getValue().isNumber()) {
                        coordinates.put(e.getKey(), e.getValue().asDouble());
                      }
                    });
        default -> {}
      }
    }
  }

  /**
   * One kernel size for a deeper network means that size in every layer: the paper's depth
   * experiments use the best single-layer setting for every layer.
   */
  private static List<Integer> sameKernelForEveryLayer(
      List<Integer> kernels, List<Integer> layers) {
    if (kernels != null && kernels.size() == 1 && layers != null && layers.size() > 1) {
      return java.util.Collections.nCopies(layers.size(), kernels.get(0));
    }
    return kernels;
  }

  private static boolean convolutional(String model) {
    return ModelKind.of(model).map(ModelKind::convolutional).orElse(false);
  }
}
