package org.delvm.benchmark.run;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.delvm.benchmark.datasets.Cifar10BinaryReader;
import org.delvm.benchmark.datasets.DatasetException;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.datasets.IdxReader;
import org.delvm.benchmark.datasets.ImageFolderReader;
import org.delvm.benchmark.datasets.ImageSplits;
import org.delvm.benchmark.datasets.LabelledImages;

/** The image datasets of the feature-learning experiments, read from their verified files. */
public final class ImageDatasets {

  static final List<String> FASHION_MNIST_CLASSES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  private ImageDatasets() {}

  public static boolean isImageDataset(String id) {
    return id.equals("fashion-mnist") || id.equals("cifar10") || id.equals("cifar10-jpeg");
  }

  static List<String> classNames(String id) {
    return id.equals("fashion-mnist") ? FASHION_MNIST_CLASSES : Cifar10BinaryReader.CLASS_NAMES;
  }

  /** The official train and test splits, pixels in [0, 1], CHW. */
  static ImageSplits load(FetchedDataset data) {
    try {
      return switch (data.id()) {
        case "fashion-mnist" ->
            new ImageSplits(
                IdxReader.read(
                    data.path("train-images-idx3-ubyte.gz"),
                    data.path("train-labels-idx1-ubyte.gz")),
                IdxReader.read(
                    data.path("t10k-images-idx3-ubyte.gz"),
                    data.path("t10k-labels-idx1-ubyte.gz")));
        case "cifar10" -> Cifar10BinaryReader.read(data.path("cifar-10-binary.tar.gz"));
        case "cifar10-jpeg" -> {
          var archive = data.path("cifar10-jpeg.tar.gz");
          yield new ImageSplits(
              ImageFolderReader.read(archive, "train", Cifar10BinaryReader.CLASS_NAMES),
              ImageFolderReader.read(archive, "test", Cifar10BinaryReader.CLASS_NAMES));
        }
        default -> throw new IllegalArgumentException("not an image dataset: " + data.id());
      };
    } catch (IOException e) {
      throw new DatasetException(
          "Cannot read " + data.id() + " from " + data.directory() + ": " + e, e);
    }
  }

  /**
   * The first {@code n} images after a shuffle with {@code new Random(seed)} (all of them, in
   * shuffled order, when n is at least the size): the reduced-scale plans' subsets.
   */
  static LabelledImages subset(LabelledImages images, int n, long seed) {
    int[] order = new int[images.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Random random = new Random(seed);
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int size = Math.min(n, images.size());
    float[][] pixels = new float[size][];
    int[] labels = new int[size];
    for (int i = 0; i < size; i++) {
      pixels[i] = images.pixels()[order[i]];
      labels[i] = images.labels()[order[i]];
    }
    return new LabelledImages(
        pixels,
        labels,
        images.channels(),
        images.height(),
        images.width(),
        images.source() + " (" + size + " of " + images.size() + ", seed " + seed + ")");
  }

  /**
   * "Standard normalisation": per channel, subtract the training images' mean and divide by their
   * standard deviation; the test images use the training statistics. Returns new arrays.
   */
  static ImageSplits standardised(ImageSplits splits) {
    UnaryOperator<LabelledImages> standardise = standardiser(splits.train());
    return new ImageSplits(standardise.apply(splits.train()), standardise.apply(splits.test()));
  }

  /** The per-channel standardisation with {@code train}'s statistics, for any images. */
  static UnaryOperator<LabelledImages> standardiser(LabelledImages train) {
    int channels = train.channels();
    int plane = train.height() * train.width();
    double[] mean = new double[channels];
    double[] meanSquare = new double[channels];
    for (float[] image : train.pixels()) {
      for (int c = 0; c < channels; c++) {
        for (int p = 0; p < plane; p++) {
          double v = image[c * plane + p];
          mean[c] += v;
          meanSquare[c] += v * v;
        }
      }
    }
    float[] shift = new float[channels];
    float[] scale = new float[channels];
    double count = (double) train.size() * plane;
    for (int c = 0; c < channels; c++) {
      double m = mean[c] / count;
      double std = Math.sqrt(Math.max(meanSquare[c] / count - m * m, 1e-12));
      shift[c] = (float) m;
      scale[c] = (float) (1 / std);
    }
    return images -> apply(images, shift, scale, plane);
  }

  private static LabelledImages apply(
      LabelledImages images, float[] shift, float[] scale, int plane) {
    float[][] out = new float[images.size()][];
    for (int i = 0; i < out.length; i++) {
      float[] image = images.pixels()[i];
      float[] normalised = new float[image.length];
      for (int j = 0; j < image.length; j++) {
        int c = j / plane;
        normalised[j] = (image[j] - shift[c]) * scale[c];
      }
      out[i] = normalised;
    }
    return new LabelledImages(
        out,
        images.labels(),
        images.channels(),
        images.height(),
        images.width(),
        images.source() + ", standardised per channel");
  }
}
