package org.delvm.benchmark.plan;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The models a plan cell may name. A {@code -mlp} model takes vectors (ECG5000) and lists its layer
 * widths in {@code hiddenUnits}; a {@code -cnn} model takes images and lists its filters there,
 * with one kernel size per layer in {@code kernels}.
 */
public enum ModelKind {
  DELVM_MLP("delvm-mlp", "DELVM", null),
  DELVM_CNN("delvm-cnn", "DELVM", null),
  DEM_MLP("dem-mlp", "DEM", null),
  DEM_CNN("dem-cnn", "DEM", null),
  CEBM_MLP("cebm-mlp", "CEBM", null),
  CEBM_CNN("cebm-cnn", "CEBM", null),
  AE_MLP("ae-mlp", "AE", "reconstruction"),
  CAE_CNN("cae-cnn", "CAE", "reconstruction"),
  /** The VAE of the second paper, on its generated data; objectives elbo and lagrangian. */
  VAE("vae", "VAE", null);

  private final String id;
  private final String family;
  private final String onlyObjective;

  ModelKind(String id, String family, String onlyObjective) {
    this.id = id;
    this.family = family;
    this.onlyObjective = onlyObjective;
  }

  /** The name plans use, e.g. {@code delvm-cnn}. */
  public String id() {
    return id;
  }

  /** Whether the model is convolutional (takes images, {@code kernels} per layer). */
  public boolean convolutional() {
    return id.endsWith("-cnn");
  }

  /** The one objective an autoencoder trains with; empty when any objective fits. */
  public Optional<String> onlyObjective() {
    return Optional.ofNullable(onlyObjective);
  }

  /**
   * The paper's name for the model's curve: autoencoders and CEBM by their own name, an
   * energy-based model by objective and model ({@code sm} on a DELVM gives {@code SM-DELVM}).
   */
  public String series(String objective) {
    if (this == VAE) {
      return "lagrangian".equals(objective) ? "VAE, Lagrangian (7)" : "VAE, ELBO (6)";
    }
    if (onlyObjective != null || this == CEBM_MLP || this == CEBM_CNN || objective == null) {
      return family;
    }
    return objective.toUpperCase(Locale.ROOT) + "-" + family;
  }

  public static Optional<ModelKind> of(String id) {
    return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(ModelKind::id).toList();
  }
}
