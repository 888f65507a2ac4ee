package org.delvm.benchmark.models.objectives;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/** The registry of objectives by the names plans use, each with its options and their defaults. */
public final class Objectives {

  private record Entry(Map<String, Object> defaults, Function<Options, Objective> factory) {}

  private static final Map<String, Entry> REGISTERED = new TreeMap<>();

  static {
    REGISTERED.put("sm", new Entry(Map.of(), o -> new ScoreMatching(ScoreMatching.Sign.HYVARINEN)));
    REGISTERED.put(
        "sm-printed", new Entry(Map.of(), o -> new ScoreMatching(ScoreMatching.Sign.AS_PRINTED)));
    REGISTERED.put(
        "ssm",
        new Entry(
            Map.of("projections", 1, "directions", "rademacher", "varianceReduced", true),
            o ->
                new SlicedScoreMatching(
                    o.integer("projections"),
                    SlicedScoreMatching.Directions.valueOf(
                        o.string("directions").toUpperCase(java.util.Locale.ROOT)),
                    o.bool("varianceReduced"))));
    REGISTERED.put(
        "dsm", new Entry(Map.of("sigma", 0.1), o -> new DenoisingScoreMatching(o.number("sigma"))));
    REGISTERED.put(
        "cd",
        new Entry(
            Map.of("k", 1, "xNoise", true),
            o -> new ContrastiveDivergence(o.integer("k"), o.bool("xNoise"))));
    PersistentLangevin.Settings cebm = PersistentLangevin.Settings.cebm();
    REGISTERED.put(
        "pcd-langevin",
        new Entry(
            Map.of(
                "bufferSize", cebm.bufferSize(),
                "reuse", cebm.reuse(),
                "sgldSteps", cebm.sgldSteps(),
                "stepSize", cebm.stepSize(),
                "noise", cebm.noise(),
                "alpha", cebm.alpha(),
                "initLow", cebm.initLow(),
                "initHigh", cebm.initHigh()),
            o ->
                new PersistentLangevin(
                    new PersistentLangevin.Settings(
                        o.integer("bufferSize"),
                        o.number("reuse"),
                        o.integer("sgldSteps"),
                        o.number("stepSize"),
                        o.number("noise"),
                        o.number("alpha"),
                        o.number("initLow"),
                        o.number("initHigh")))));
    REGISTERED.put("nce", new Entry(Map.of(), o -> new NoiseContrastiveEstimation()));
    REGISTERED.put(
        "fce",
        new Entry(
            Map.of("couplings", 4, "hiddenUnits", 32),
            o -> new FlowContrastiveEstimation(o.integer("couplings"), o.integer("hiddenUnits"))));
    REGISTERED.put("reconstruction", new Entry(Map.of(), o -> new Reconstruction()));
  }

  private Objectives() {}

  /** A fresh objective with default options. */
  public static Objective create(String name) {
    return create(name, Map.of());
  }

  /**
   * A fresh objective (objectives may hold per-run state such as NCE's log Z, so each training run
   * gets its own). Unknown names and options fail with the valid ones listed.
   */
  public static Objective create(String name, Map<String, ?> options) {
    Entry entry = REGISTERED.get(name);
    if (entry == null) {
      throw new IllegalArgumentException(
          "Unknown objective '" + name + "'. Valid objectives: " + String.join(", ", names()));
    }
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(entry.defaults().keySet());
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "Objective '"
              + name
              + "' has no option(s) "
              + unknown
              + ". Valid options: "
              + (entry.defaults().isEmpty() ? "none" : new TreeSet<>(entry.defaults().keySet())));
    }
    Map<String, Object> merged = new HashMap<>(entry.defaults());
    merged.putAll(options);
    return entry.factory().apply(new Options(name, merged));
  }

  public static List<String> names() {
    return List.copyOf(REGISTERED.keySet());
  }

  /** The options an objective accepts, with their defaults. */
  public static Map<String, Object> defaults(String name) {
    create(name); // validates the name
    return new TreeMap<>(REGISTERED.get(name).defaults());
  }

  private record Options(String objective, Map<String, Object> values) {
    Object value(String key) {
      return values.get(key);
    }

    double number(String key) {
      if (value(key) instanceof Number n) {
        return n.doubleValue();
      }
      throw wrongType(key, "a number");
    }

    int integer(String key) {
      if (value(key) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
        return n.intValue();
      }
      throw wrongType(key, "an integer");
    }

    boolean bool(String key) {
      if (value(key) instanceof Boolean b) {
        return b;
      }
      throw wrongType(key, "true or false");
    }

    String string(String key) {
      if (value(key) instanceof String s) {
        return s;
      }
      throw wrongType(key, "a string");
    }

    private IllegalArgumentException wrongType(String key, String expected) {
      return new IllegalArgumentException(
          "Objective '"
              + objective
              + "' option '"
              + key
              + "' must be "
              + expected
              + ", got "
              + value(key));
    }
  }
}
