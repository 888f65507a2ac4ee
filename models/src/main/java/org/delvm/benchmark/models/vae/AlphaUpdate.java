package org.delvm.benchmark.models.vae;

/**
 * The Lagrange multiplier alpha of eq. (7), a scalar trained with Adam (beta1 0.9, beta2 0.999,
 * epsilon 1e-8, as ND4J's Adam for the network) from g = dL/dalpha = RE + KL - delta.
 */
public final class AlphaUpdate {

  /** How alpha moves given g = dL/dalpha. */
  public enum Rule {
    /**
     * Dual ascent, projected: alpha <- max(0, alpha + step(g)). alpha rises while RE + KL > delta
     * (the constraint KL <= delta is violated or RE is not yet zero) and never goes negative. This
     * is the min-max reading of the Lagrangian.
     */
    ASCENT_PROJECTED,
    /**
     * The paper's text read literally: alpha is minimised with the network (alpha <- alpha -
     * step(g)) and, when that step would make it negative, the gradient's sign is reversed (alpha
     * <- alpha + step(g)). Since g = RE + KL - delta > 0 almost always, alpha falls to ~0 and stays
     * there, which is what the paper's Table 1 shows (alpha = 0.00018 +- 0.0002).
     */
    DESCENT_REFLECTED
  }

  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final Rule rule;
  private final double learningRate;
  private double alpha;
  private double m;
  private double v;
  private int t;

  public AlphaUpdate(Rule rule, double learningRate, double initial) {
    if (initial < 0 || !(learningRate > 0)) {
      throw new IllegalArgumentException("alpha must start >= 0 with a positive learning rate");
    }
    this.rule = rule;
    this.learningRate = learningRate;
    this.alpha = initial;
  }

  public double alpha() {
    return alpha;
  }

  /** One Adam step from g = dL/dalpha; returns the new alpha (always >= 0). */
  public double update(double gradient) {
    t++;
    m = BETA1 * m + (1 - BETA1) * gradient;
    v = BETA2 * v + (1 - BETA2) * gradient * gradient;
    double mHat = m / (1 - Math.pow(BETA1, t));
    double vHat = v / (1 - Math.pow(BETA2, t));
    double step = learningRate * mHat / (Math.sqrt(vHat) + EPSILON);
    switch (rule) {
      case ASCENT_PROJECTED -> alpha = Math.max(0.0, alpha + step);
      case DESCENT_REFLECTED -> {
        double descended = alpha - step;
        alpha = descended >= 0 ? descended : alpha + step;
      }
      default -> throw new IllegalStateException(rule.toString());
    }
    return alpha;
  }
}
