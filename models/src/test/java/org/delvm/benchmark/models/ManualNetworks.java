package org.delvm.benchmark.models;

import org.delvm.benchmark.models.graph.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Plain-Java forward passes (loops over pixels, no ND4J op) as independent references for the
 * networks' graph code: zero-padded stride-1 cross-correlation with ND4J's "same" placement ((k -
 * 1) / 2 rows and columns of padding before, the rest after) and dense layers over rows flattened C
 * x H x W.
 */
final class ManualNetworks {

  private ManualNetworks() {}

  /** One image (C*H*W, flattened C x H x W) through a convolution with weights F x C x k x k. */
  static double[] conv(
      double[] image, int channels, int height, int width, INDArray w, INDArray b) {
    int filters = (int) w.size(0);
    int k = (int) w.size(2);
    int before = (k - 1) / 2;
    double[] out = new double[filters * height * width];
    for (int f = 0; f < filters; f++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          double sum = b.getDouble(f);
          for (int c = 0; c < channels; c++) {
            for (int i = 0; i < k; i++) {
              for (int j = 0; j < k; j++) {
                int yy = y + i - before;
                int xx = x + j - before;
                if (yy >= 0 && yy < height && xx >= 0 && xx < width) {
                  sum += w.getDouble(f, c, i, j) * image[(c * height + yy) * width + xx];
                }
              }
            }
          }
          out[(f * height + y) * width + x] = sum;
        }
      }
    }
    return out;
  }

  /** W z + b for W out x in. */
  static double[] dense(double[] z, INDArray w, INDArray b) {
    double[] out = new double[(int) w.rows()];
    for (int o = 0; o < out.length; o++) {
      double sum = b.getDouble(o);
      for (int i = 0; i < z.length; i++) {
        sum += w.getDouble(o, i) * z[i];
      }
      out[o] = sum;
    }
    return out;
  }

  static double apply(Activation activation, double a) {
    return switch (activation) {
      case LINEAR -> a;
      case RELU -> Math.max(a, 0);
      case SOFTPLUS -> Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
      case TANH -> Math.tanh(a);
      case SIGMOID -> 1 / (1 + Math.exp(-a));
      case SILU -> a / (1 + Math.exp(-a));
      default -> throw new IllegalArgumentException("no reference for " + activation);
    };
  }

  /** f(x) of a network of conv and dense layers on one image of C x H x W. */
  static double[] forward(LayeredNetwork network, double[] x, int channels, int height, int width) {
    double[] z = x;
    int c = channels;
    for (int l = 0; l < network.depth(); l++) {
      INDArray w = network.weights(l).value();
      INDArray b = network.bias(l).value();
      double[] a;
      if (network.layer(l) instanceof ConvLayer) {
        a = conv(z, c, height, width, w, b);
        c = (int) w.size(0);
      } else {
        a = dense(z, w, b);
      }
      z = new double[a.length];
      for (int i = 0; i < a.length; i++) {
        z[i] = apply(network.activation(l), a[i]);
      }
    }
    return z;
  }
}
