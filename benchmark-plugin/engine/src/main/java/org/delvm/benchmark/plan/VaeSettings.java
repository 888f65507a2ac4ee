package org.delvm.benchmark.plan;

import java.util.Map;
import java.util.TreeMap;
import org.delvm.benchmark.models.vae.AlphaUpdate;
import org.delvm.benchmark.models.vae.VaeObjective;
import org.delvm.benchmark.models.vae.VaeTrainer;

/**
 * A VAE cell's training settings: its objective, epochs, batch size, first learning rate and seed,
 * and the Lagrangian's options from {@code objectiveOptions}: {@code alphaRule} ({@code reflected},
 * the paper's sign-flip rule, default; or {@code ascent}, projected dual ascent), {@code
 * alphaLearningRate}, {@code delta} and {@code alphaInitial} (the paper's 0.1 and 1).
 */
public final class VaeSettings {

  private VaeSettings() {}

  /** The options a VAE cell's {@code objectiveOptions} may set, with their defaults. */
  public static final Map<String, Object> OPTIONS =
      Map.of(
          "alphaRule", "reflected", "alphaLearningRate", 1e-3, "delta", 0.1, "alphaInitial", 1.0);

  /** The cell's VAE settings; an unknown option or value is an {@link IllegalArgumentException}. */
  public static VaeTrainer.Settings of(Cell cell) {
    return of(
        cell.objective(),
        cell.objectiveOptions(),
        cell.epochs(),
        cell.batchSize(),
        cell.learningRates().get(0),
        cell.seed());
  }

  /**
   * The settings of a VAE cell with these fields: the loader checks them before the cell exists.
   */
  static VaeTrainer.Settings of(
      String objective,
      Map<String, Object> objectiveOptions,
      int epochs,
      int batchSize,
      double learningRate,
      long seed) {
    Map<String, Object> o = options(objectiveOptions);
    AlphaUpdate.Rule rule = rule(o);
    return new VaeTrainer.Settings(
        VaeObjective.of(objective),
        epochs,
        batchSize,
        learningRate,
        number(o, "alphaLearningRate"),
        number(o, "delta"),
        number(o, "alphaInitial"),
        rule,
        seed);
  }

  /**
   * Checks the options alone, as {@link #of} does first: for a cell without a first learning rate,
   * which the loader reports apart.
   */
  static void checkOptions(Map<String, Object> objectiveOptions) {
    Map<String, Object> o = options(objectiveOptions);
    rule(o);
    number(o, "alphaLearningRate");
    number(o, "delta");
    number(o, "alphaInitial");
  }

  /** The cell's options over the defaults. */
  private static Map<String, Object> options(Map<String, Object> objectiveOptions) {
    Map<String, Object> o = new TreeMap<>(OPTIONS);
    for (Map.Entry<String, Object> e : objectiveOptions.entrySet()) {
      if (!OPTIONS.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            "a VAE cell has no option '" + e.getKey() + "'. Valid options: " + o.keySet());
      }
      o.put(e.getKey(), e.getValue());
    }
    return o;
  }

  private static AlphaUpdate.Rule rule(Map<String, Object> options) {
    return switch (String.valueOf(options.get("alphaRule"))) {
      case "reflected" -> AlphaUpdate.Rule.DESCENT_REFLECTED;
      case "ascent" -> AlphaUpdate.Rule.ASCENT_PROJECTED;
      default ->
          throw new IllegalArgumentException(
              "alphaRule must be 'reflected' (the paper's sign-flip rule) or 'ascent'"
                  + " (projected dual ascent), got '"
                  + options.get("alphaRule")
                  + "'");
    };
  }

  private static double number(Map<String, Object> options, String key) {
    if (!(options.get(key) instanceof Number n)) {
      throw new IllegalArgumentException(
          "VAE option '" + key + "' must be a number, got '" + options.get(key) + "'");
    }
    return n.doubleValue();
  }
}
