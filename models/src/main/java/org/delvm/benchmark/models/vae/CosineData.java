package org.delvm.benchmark.models.vae;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The VAE paper's data set: "10,000 points sampled, with a little noise, from a simple cosine
 * function formed in 3-D, on a chosen interval". The paper gives neither the function, the interval
 * nor the noise level; this reading is ours:
 *
 * <pre>
 *   x, y ~ U(-halfWidth, halfWidth),  z = cos(x),  point = (x, y, z) + N(0, noise^2 I_3)
 * </pre>
 *
 * with halfWidth = pi/2 (the positive arch of the cosine) and noise = 0.05: a 2-D surface in 3-D,
 * matching the 2-D latent. Its total variance (the trace of the covariance, which is what the RE of
 * a VAE that ignores its input converges to) is 2 (pi^2/12) + Var(cos x) + 3 noise^2 ~ 1.75, the
 * scale of the ELBO's RE in the paper's Table 1 (1.67). All draws come from {@link Random} with the
 * seed.
 */
public final class CosineData {

  /** The generator's settings. */
  public record Spec(int points, double halfWidth, double noise) {

    public Spec {
      if (points < 1 || !(halfWidth > 0) || noise < 0) {
        throw new IllegalArgumentException("invalid cosine data " + this);
      }
    }

    /** 10000 points, x and y in [-pi/2, pi/2], noise 0.05. */
    public static Spec paper() {
      return new Spec(10_000, Math.PI / 2, 0.05);
    }
  }

  private CosineData() {}

  /** points x 3 rows of (x, y, cos x) plus Gaussian noise. */
  public static INDArray generate(Spec spec, long seed, DataType type) {
    Random random = new Random(seed);
    double[][] rows = new double[spec.points()][3];
    for (double[] row : rows) {
      double x = (2 * random.nextDouble() - 1) * spec.halfWidth();
      double y = (2 * random.nextDouble() - 1) * spec.halfWidth();
      row[0] = x + spec.noise() * random.nextGaussian();
      row[1] = y + spec.noise() * random.nextGaussian();
      row[2] = Math.cos(x) + spec.noise() * random.nextGaussian();
    }
    return Nd4j.createFromArray(rows).castTo(type);
  }
}
