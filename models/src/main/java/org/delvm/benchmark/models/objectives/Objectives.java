package org.delvm.benchmark.models.objectives;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** The registry of objectives by the names plans use. */
public final class Objectives {

  private static final Map<String, Supplier<Objective>> REGISTERED = new TreeMap<>();

  static {
    REGISTERED.put("sm", () -> new ScoreMatching(ScoreMatching.Sign.HYVARINEN));
    REGISTERED.put("sm-printed", () -> new ScoreMatching(ScoreMatching.Sign.AS_PRINTED));
  }

  private Objectives() {}

  /** A fresh objective (objectives hold per-model work buffers, so each training run gets one). */
  public static Objective create(String name) {
    Supplier<Objective> supplier = REGISTERED.get(name);
    if (supplier == null) {
      throw new IllegalArgumentException(
          "Unknown objective '" + name + "'. Valid objectives: " + String.join(", ", names()));
    }
    return supplier.get();
  }

  public static List<String> names() {
    return List.copyOf(REGISTERED.keySet());
  }
}
