package org.delvm.benchmark.models.vae;

import java.util.Arrays;
import java.util.List;
import org.delvm.benchmark.models.Parameter;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The forward and backward pass of a {@link Vae} in plain Java on double arrays: the same
 * mathematics as {@link Vae#build} (which stays the reference, checked against this in the tests),
 * without ND4J's cost per op call. The paper's 3-32-2 network has 614 parameters; a step at batch
 * 100 is ~0.12 M multiply-adds and 6400 tanh. As a graph of ND4J ops (~200 native calls per step
 * with the optimiser, each tens of microseconds, far more when OpenMP threads contend for the
 * cores) a step took ~4 ms, almost all of it call overhead; this pass takes ~0.15 ms, makes no
 * native call and allocates nothing.
 *
 * <p>All parameters live in one array {@link #theta}, in the order of {@link Vae#parameters()},
 * each in row-major order (weights out x in), and their gradients in {@link #gradient} with the
 * same layout, so that an optimiser is one loop over both. {@link #load} and {@link #store} copy
 * them from and to the VAE's own ND4J parameters. The arithmetic is in double precision whatever
 * the VAE's storage type.
 *
 * <p>A batch is processed one point at a time, the forward and backward pass of a point fused,
 * since the loss is a sum over points: only per-point scratch vectors are needed.
 */
final class VaeNetwork {

  final int inputSize;
  final int hidden;
  final int latentSize;

  /** Every parameter, flat, in the order of {@link Vae#parameters()}. */
  final double[] theta;

  /** d(loss)/d(theta) after {@link #pass} with gradients; same layout as theta. */
  final double[] gradient;

  // Offsets into theta of each parameter, in Vae.parameters() order.
  private final int w1;
  private final int b1;
  private final int scale1;
  private final int slope1;
  private final int wMean;
  private final int bMean;
  private final int wLogVar;
  private final int bLogVar;
  private final int w4;
  private final int b4;
  private final int scale2;
  private final int slope2;
  private final int w5;
  private final int b5;
  private final int[] offsets;
  private final String[] names;

  // Per-point scratch.
  private final double[] a1;
  private final double[] t1;
  private final double[] h1;
  private final double[] dh1;
  private final double[] pointMean;
  private final double[] pointVariance;
  private final double[] z;
  private final double[] sigma;
  private final double[] a2;
  private final double[] t2;
  private final double[] h2;
  private final double[] dh2;
  private final double[] dz;
  private final double[] dOut;

  /** RE and KL of the last {@link #pass}. */
  private double reconstructionError;

  private double klDivergence;

  VaeNetwork(Vae vae) {
    this(vae.inputSize(), hiddenSize(vae), vae.latentSize());
    load(vae);
  }

  VaeNetwork(int inputSize, int hidden, int latentSize) {
    this.inputSize = inputSize;
    this.hidden = hidden;
    this.latentSize = latentSize;
    int d = inputSize;
    int h = hidden;
    int k = latentSize;
    int at = 0;
    w1 = at;
    at += h * d;
    b1 = at;
    at += h;
    scale1 = at;
    at += h;
    slope1 = at;
    at += h;
    wMean = at;
    at += k * h;
    bMean = at;
    at += k;
    wLogVar = at;
    at += k * h;
    bLogVar = at;
    at += k;
    w4 = at;
    at += h * k;
    b4 = at;
    at += h;
    scale2 = at;
    at += h;
    slope2 = at;
    at += h;
    w5 = at;
    at += d * h;
    b5 = at;
    at += d;
    theta = new double[at];
    gradient = new double[at];
    offsets =
        new int[] {
          w1, b1, scale1, slope1, wMean, bMean, wLogVar, bLogVar, w4, b4, scale2, slope2, w5, b5, at
        };
    names = new String[offsets.length - 1];
    a1 = new double[h];
    t1 = new double[h];
    h1 = new double[h];
    dh1 = new double[h];
    pointMean = new double[k];
    pointVariance = new double[k];
    z = new double[k];
    sigma = new double[k];
    a2 = new double[h];
    t2 = new double[h];
    h2 = new double[h];
    dh2 = new double[h];
    dz = new double[k];
    dOut = new double[d];
  }

  private static int hiddenSize(Vae vae) {
    return (int) vae.parameters().get(0).value().rows();
  }

  /** Copies the VAE's parameter values into {@link #theta}. */
  void load(Vae vae) {
    List<Parameter> parameters = vae.parameters();
    checkLayout(parameters);
    for (int p = 0; p < parameters.size(); p++) {
      double[] values = parameters.get(p).value().dup('c').data().asDouble();
      System.arraycopy(values, 0, theta, offsets[p], values.length);
      names[p] = parameters.get(p).name();
    }
  }

  /** Writes {@link #theta} back into the VAE's parameters (cast to their type). */
  void store(Vae vae) {
    List<Parameter> parameters = vae.parameters();
    checkLayout(parameters);
    for (int p = 0; p < parameters.size(); p++) {
      INDArray value = parameters.get(p).value();
      double[] part = Arrays.copyOfRange(theta, offsets[p], offsets[p + 1]);
      value.assign(Nd4j.createFromArray(part).castTo(value.dataType()).reshape(value.shape()));
    }
  }

  private void checkLayout(List<Parameter> parameters) {
    if (parameters.size() != offsets.length - 1) {
      throw new IllegalArgumentException("not a VAE of this layout: " + parameters.size());
    }
    for (int p = 0; p < parameters.size(); p++) {
      if (parameters.get(p).value().length() != offsets[p + 1] - offsets[p]) {
        throw new IllegalArgumentException(
            "parameter " + parameters.get(p).name() + " does not fit the layout");
      }
    }
  }

  /** The name of the parameter that theta[index] belongs to, with its index inside it. */
  String describe(int index) {
    int p = 0;
    while (offsets[p + 1] <= index) {
      p++;
    }
    return names[p] + "[" + (index - offsets[p]) + "]";
  }

  /** True when every parameter is finite. */
  boolean finite() {
    for (double v : theta) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  double reconstructionError() {
    return reconstructionError;
  }

  double klDivergence() {
    return klDivergence;
  }

  /**
   * One pass over a batch: RE = (1/n) sum ||x - x~||^2 and KL = (1/n) sum 1/2 sum_j (mu^2 + sigma^2
   * - log sigma^2 - 1), then, when {@code reWeight} or {@code klWeight} is non-zero and {@code
   * backward} is set, {@link #gradient} is overwritten with d(reWeight RE + klWeight KL)/d(theta).
   *
   * @param x n x d points, row-major
   * @param noise n x latent standard-normal draws, row-major: z = mu + sigma * noise
   * @param rows n
   * @param mean if not null, receives mu (n x latent)
   * @param logVariance if not null, receives log sigma^2 (n x latent)
   */
  void pass(
      double[] x,
      double[] noise,
      int rows,
      double reWeight,
      double klWeight,
      boolean backward,
      double[] mean,
      double[] logVariance) {
    final int d = inputSize;
    final int h = hidden;
    final int k = latentSize;
    final double[] w = theta;
    final double[] g = gradient;
    if (backward) {
      Arrays.fill(g, 0.0);
    }
    double inverse = 1.0 / rows;
    // dL/dx~ = reWeight (2/n) (x~ - x); dL/dmu = klWeight (1/n) mu;
    // dL/dlogVar (KL part) = klWeight (1/2n) (sigma^2 - 1).
    double outputScale = 2.0 * reWeight * inverse;
    double meanScale = klWeight * inverse;
    double logVarScale = 0.5 * klWeight * inverse;
    double squares = 0;
    double kl = 0;
    for (int s = 0; s < rows; s++) {
      int xo = s * d;
      int eo = s * k;
      // Encoder: a1 = W1 x + b1, h1 = scale * tanh(slope * a1).
      for (int j = 0; j < h; j++) {
        double a = w[b1 + j];
        int row = w1 + j * d;
        for (int i = 0; i < d; i++) {
          a += w[row + i] * x[xo + i];
        }
        a1[j] = a;
        double t = tanh(w[slope1 + j] * a);
        t1[j] = t;
        h1[j] = w[scale1 + j] * t;
      }
      // mu and log sigma^2; z = mu + sigma * eps.
      for (int l = 0; l < k; l++) {
        double m = w[bMean + l];
        double v = w[bLogVar + l];
        int rowMean = wMean + l * h;
        int rowLogVar = wLogVar + l * h;
        for (int j = 0; j < h; j++) {
          m += w[rowMean + j] * h1[j];
          v += w[rowLogVar + j] * h1[j];
        }
        double sd = Math.exp(0.5 * v);
        double variance = Math.exp(v);
        sigma[l] = sd;
        z[l] = m + sd * noise[eo + l];
        kl += m * m + variance - v - 1.0;
        if (mean != null) {
          mean[eo + l] = m;
        }
        if (logVariance != null) {
          logVariance[eo + l] = v;
        }
        pointMean[l] = m;
        pointVariance[l] = variance;
        dz[l] = 0;
      }
      // Decoder: a2 = W4 z + b4, h2 = scale * tanh(slope * a2), x~ = W5 h2 + b5.
      for (int j = 0; j < h; j++) {
        double a = w[b4 + j];
        int row = w4 + j * k;
        for (int l = 0; l < k; l++) {
          a += w[row + l] * z[l];
        }
        a2[j] = a;
        double t = tanh(w[slope2 + j] * a);
        t2[j] = t;
        h2[j] = w[scale2 + j] * t;
      }
      for (int i = 0; i < d; i++) {
        double r = w[b5 + i];
        int row = w5 + i * h;
        for (int j = 0; j < h; j++) {
          r += w[row + j] * h2[j];
        }
        double diff = r - x[xo + i];
        squares += diff * diff;
        dOut[i] = outputScale * diff;
      }
      if (!backward) {
        continue;
      }
      // Output layer.
      Arrays.fill(dh2, 0.0);
      for (int i = 0; i < d; i++) {
        double go = dOut[i];
        g[b5 + i] += go;
        int row = w5 + i * h;
        for (int j = 0; j < h; j++) {
          g[row + j] += go * h2[j];
          dh2[j] += w[row + j] * go;
        }
      }
      // Decoder's parametric tanh and hidden layer.
      for (int j = 0; j < h; j++) {
        double t = t2[j];
        double gh = dh2[j];
        g[scale2 + j] += gh * t;
        double du = gh * w[scale2 + j] * (1.0 - t * t);
        g[slope2 + j] += du * a2[j];
        double da = du * w[slope2 + j];
        g[b4 + j] += da;
        int row = w4 + j * k;
        for (int l = 0; l < k; l++) {
          g[row + l] += da * z[l];
          dz[l] += w[row + l] * da;
        }
      }
      // Reparameterisation and KL: the two heads.
      Arrays.fill(dh1, 0.0);
      for (int l = 0; l < k; l++) {
        double dMean = dz[l] + meanScale * pointMean[l];
        double dLogVar =
            0.5 * dz[l] * noise[eo + l] * sigma[l] + logVarScale * (pointVariance[l] - 1.0);
        g[bMean + l] += dMean;
        g[bLogVar + l] += dLogVar;
        int rowMean = wMean + l * h;
        int rowLogVar = wLogVar + l * h;
        for (int j = 0; j < h; j++) {
          g[rowMean + j] += dMean * h1[j];
          g[rowLogVar + j] += dLogVar * h1[j];
          dh1[j] += w[rowMean + j] * dMean + w[rowLogVar + j] * dLogVar;
        }
      }
      // Encoder's parametric tanh and hidden layer.
      for (int j = 0; j < h; j++) {
        double t = t1[j];
        double gh = dh1[j];
        g[scale1 + j] += gh * t;
        double du = gh * w[scale1 + j] * (1.0 - t * t);
        g[slope1 + j] += du * a1[j];
        double da = du * w[slope1 + j];
        g[b1 + j] += da;
        int row = w1 + j * d;
        for (int i = 0; i < d; i++) {
          g[row + i] += da * x[xo + i];
        }
      }
    }
    reconstructionError = squares * inverse;
    klDivergence = kl * (0.5 * inverse);
  }

  /** The decoder g(z) for n x latent z (row-major) into n x d out (row-major). */
  void decode(double[] latent, int rows, double[] out) {
    final int d = inputSize;
    final int h = hidden;
    final int k = latentSize;
    final double[] w = theta;
    for (int s = 0; s < rows; s++) {
      for (int j = 0; j < h; j++) {
        double a = w[b4 + j];
        int row = w4 + j * k;
        for (int l = 0; l < k; l++) {
          a += w[row + l] * latent[s * k + l];
        }
        h2[j] = w[scale2 + j] * tanh(w[slope2 + j] * a);
      }
      for (int i = 0; i < d; i++) {
        double r = w[b5 + i];
        int row = w5 + i * h;
        for (int j = 0; j < h; j++) {
          r += w[row + j] * h2[j];
        }
        out[s * d + i] = r;
      }
    }
  }

  /**
   * tanh(x) to within 2 units in the last place of {@link Math#tanh} (checked by the tests):
   * Cephes' tanh, a rational approximation for |x| <= 0.625 and 1 - 2 / (exp(2|x|) + 1) above. On
   * JDK 17 {@link Math#tanh} is a native call of ~30 ns, and this pass makes 64 of them per point,
   * which was most of its time; {@link Math#exp} is a compiler intrinsic, and this takes ~10 ns.
   */
  static double tanh(double x) {
    double z = Math.abs(x);
    if (z > 0.625) {
      double t = 1.0 - 2.0 / (Math.exp(2.0 * z) + 1.0);
      return x < 0 ? -t : t;
    }
    double s = x * x;
    double p = (TANH_P0 * s + TANH_P1) * s + TANH_P2;
    double q = ((s + TANH_Q0) * s + TANH_Q1) * s + TANH_Q2;
    return x + x * s * (p / q);
  }

  // Cephes (S. L. Moshier) tanh.c, the coefficients for |x| <= 0.625.
  private static final double TANH_P0 = -9.64399179425052238628e-1;
  private static final double TANH_P1 = -9.92877231001918586564e1;
  private static final double TANH_P2 = -1.61468768441708447952e3;
  private static final double TANH_Q0 = 1.12811678491632931402e2;
  private static final double TANH_Q1 = 2.23548839060100448583e3;
  private static final double TANH_Q2 = 4.84406305325125486048e3;
}
