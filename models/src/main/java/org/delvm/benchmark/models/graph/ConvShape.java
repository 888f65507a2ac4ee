package org.delvm.benchmark.models.graph;

/**
 * A stride-1 convolution with "same" zero padding: {@code channels x height x width} in, {@code
 * filters x height x width} out, square kernels. Odd kernels pad (k - 1) / 2 on every side; even
 * kernels use ND4J's SAME mode (one more row and column of padding after than before). Nodes hold
 * images flattened in C x H x W order, one image per row.
 */
public record ConvShape(int channels, int height, int width, int filters, int kernel) {

  public ConvShape {
    if (channels < 1 || height < 1 || width < 1 || filters < 1 || kernel < 1) {
      throw new IllegalArgumentException(
          "invalid convolution " + describe(channels, height, width, filters, kernel));
    }
    if (kernel > height || kernel > width) {
      throw new IllegalArgumentException(
          "kernel "
              + kernel
              + "x"
              + kernel
              + " is larger than the "
              + height
              + "x"
              + width
              + " input; use a kernel of at most "
              + Math.min(height, width));
    }
  }

  private static String describe(int c, int h, int w, int f, int k) {
    return c + "x" + h + "x" + w + " -> " + f + " filters " + k + "x" + k;
  }

  public int inputSize() {
    return channels * height * width;
  }

  public int outputSize() {
    return filters * height * width;
  }

  /** The weight shape, PyTorch's layout: filters x channels x kernel x kernel. */
  public long[] weightShape() {
    return new long[] {filters, channels, kernel, kernel};
  }

  /** ND4J's integer arguments for conv2d, conv2d_bp, deconv2d and deconv2d_bp. */
  int[] nd4jArguments() {
    boolean odd = kernel % 2 == 1;
    int pad = odd ? (kernel - 1) / 2 : 0;
    int paddingMode = odd ? 0 : 1; // 0: explicit padding, 1: SAME
    int nchw = 0;
    int weightsOutInKk = 1;
    return new int[] {kernel, kernel, 1, 1, pad, pad, 1, 1, paddingMode, nchw, weightsOutInKk};
  }

  @Override
  public String toString() {
    return describe(channels, height, width, filters, kernel);
  }
}
