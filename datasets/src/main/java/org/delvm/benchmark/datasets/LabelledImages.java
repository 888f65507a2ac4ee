package org.delvm.benchmark.datasets;

/**
 * Images of one shape with integer class labels. Pixels are floats in [0, 1], stored per image
 * channel-major ("CHW"): the whole first channel row by row, then the second, and so on, the layout
 * CIFAR-10's binary files use and convolution layers expect.
 *
 * @param pixels {@code pixels[i]} is image {@code i}, {@code channels * height * width} values
 * @param labels {@code labels[i]} is the class index of image {@code i}
 * @param channels 1 for grey, 3 for RGB (in that order)
 * @param height rows per image
 * @param width columns per image
 * @param source where the images came from, for messages and reports
 */
public record LabelledImages(
    float[][] pixels, int[] labels, int channels, int height, int width, String source) {

  public LabelledImages {
    if (pixels.length != labels.length) {
      throw new IllegalArgumentException(
          source + ": " + pixels.length + " images but " + labels.length + " labels");
    }
  }

  /** The number of images. */
  public int size() {
    return pixels.length;
  }

  /** Values per image: channels x height x width. */
  public int imageSize() {
    return channels * height * width;
  }
}
