package org.delvm.benchmark.models.vae;

/** The two objectives of the VAE paper's Table 1. */
public enum VaeObjective {
  /** Eq. (6): RE + KL. */
  ELBO("elbo"),
  /** Eq. (7): (1 + alpha) RE + alpha (KL - delta), with alpha >= 0 learned jointly. */
  LAGRANGIAN("lagrangian");

  private final String id;

  VaeObjective(String id) {
    this.id = id;
  }

  /** The name plans and reports use. */
  public String id() {
    return id;
  }

  public static VaeObjective of(String id) {
    for (VaeObjective o : values()) {
      if (o.id.equals(id)) {
        return o;
      }
    }
    throw new IllegalArgumentException(
        "Unknown VAE objective '" + id + "'. Valid: elbo, lagrangian");
  }
}
