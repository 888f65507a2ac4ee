package org.delvm.benchmark.pictures;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.delvm.benchmark.models.Autoencoder;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Inference;
import org.delvm.benchmark.models.LangevinSampler;
import org.delvm.benchmark.report.Picture;
import org.delvm.benchmark.run.CellModels;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pictures of a trained image cell, for the report: test images, the model's reconstructions of
 * them and, for feature learning, samples drawn from the energy by Langevin dynamics. Costs a few
 * model passes on a handful of images (well under the training's time).
 *
 * <p>Display scaling: when every shown test pixel is in [0, 1] (Fashion-MNIST), test images and
 * reconstructions show [0, 1] as black to white and clip what falls outside; otherwise (CIFAR-10,
 * standardised per channel) each picture is min-max scaled on its own, which undoes the
 * standardisation up to contrast. Samples are always min-max scaled: the sampler's noise would
 * otherwise saturate them.
 */
public final class CellPictures {

  /** Test images (and reconstructions and samples) of a feature-learning cell. */
  static final int FEATURE_IMAGES = 8;

  /** Normal and anomalous test images of an anomaly cell, each. */
  static final int ANOMALY_IMAGES = 4;

  /** The sampler: chains start at the shown test images plus Gaussian noise. */
  static final int LANGEVIN_STEPS = 20;

  static final double LANGEVIN_STEP_SIZE = 0.01;

  /** Standard deviation of the starting noise, in units of the test pixels' standard deviation. */
  static final double START_NOISE = 0.25;

  private CellPictures() {}

  /**
   * The pictures {@code make} makes, logged with their cost; when they cannot be made the cell goes
   * without (logged): its numbers are computed already, and pictures are no reason to fail it.
   */
  public static List<Picture> orNone(
      String cellId, Consumer<String> log, Supplier<List<Picture>> make) {
    long start = System.nanoTime();
    try {
      List<Picture> pictures = make.get();
      log.accept(
          String.format(
              Locale.ROOT,
              "cell %s: %d pictures for the report in %.1f s",
              cellId,
              pictures.size(),
              (System.nanoTime() - start) / 1e9));
      return pictures;
    } catch (RuntimeException e) {
      log.accept("cell " + cellId + ": no pictures for the report: " + e);
      return List.of();
    }
  }

  /** What the display scaling does, for the strips' captions. */
  private record Display(PngImages.Range fixed, String description) {

    static final Display MIN_MAX = new Display(null, "each picture min-max scaled for display");

    static Display of(float[][] images) {
      for (float[] image : images) {
        for (float v : image) {
          if (!(v >= 0 && v <= 1)) {
            return MIN_MAX;
          }
        }
      }
      return new Display(
          new PngImages.Range(0, 1), "pixels in [0, 1], black to white, values outside clipped");
    }

    PngImages.Range range(float[] image) {
      return fixed != null ? fixed : PngImages.Range.of(image);
    }
  }

  /**
   * A feature-learning cell's pictures: {@value #FEATURE_IMAGES} test images (of different classes
   * where there are that many), their reconstructions and as many Langevin samples (energy models;
   * not autoencoders).
   */
  public static List<Picture> featureLearning(
      EnergyModel model,
      float[][] testImages,
      int[] testLabels,
      List<String> classNames,
      CellModels.InputShape shape,
      long seed) {
    int[] chosen = differentClassesFirst(testLabels, FEATURE_IMAGES);
    float[][] shown = new float[chosen.length][];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < chosen.length; i++) {
      shown[i] = testImages[chosen[i]];
      int label = testLabels[chosen[i]];
      names.add(label >= 0 && label < classNames.size() ? classNames.get(label) : "class " + label);
    }
    Display display = Display.of(shown);
    List<Picture> pictures = new ArrayList<>();
    add(pictures, "test images (" + display.description() + ")", names, shown, shape, display);
    INDArray x = Nd4j.createFromArray(shown);
    float[][] xHat = reconstruct(model, x);
    add(
        pictures,
        "the model's reconstructions of them, "
            + reconstructionName(model)
            + ", and their errors ||x - x_hat||^2 (same scaling)",
        errors(shown, xHat),
        xHat,
        shape,
        display);
    if (hasScore(model)) {
      LangevinSampler sampler = new LangevinSampler(LANGEVIN_STEPS, LANGEVIN_STEP_SIZE, seed);
      float[][] samples =
          sampler.sample(model, Nd4j.createFromArray(start(shown, seed))).toFloatMatrix();
      List<String> captions = new ArrayList<>();
      for (int i = 0; i < samples.length; i++) {
        captions.add("from " + names.get(i));
      }
      add(
          pictures,
          String.format(
              Locale.ROOT,
              "Langevin samples of the energy: x <- x - eps grad_x E(x) + sqrt(2 eps) z, z ~ N(0,"
                  + " I), %d steps, eps = %s, seed %d, started at the test images above plus"
                  + " Gaussian noise of %s x their pixels' standard deviation (%s)",
              LANGEVIN_STEPS,
              LANGEVIN_STEP_SIZE,
              seed,
              START_NOISE,
              Display.MIN_MAX.description()),
          captions,
          samples,
          shape,
          Display.MIN_MAX);
    }
    return pictures;
  }

  /**
   * An anomaly cell's pictures: the first {@value #ANOMALY_IMAGES} normal and anomalous test images
   * with their scores and whether the threshold flags them, then their reconstructions.
   */
  public static List<Picture> anomaly(
      EnergyModel model,
      INDArray test,
      int[] testLabels,
      double[] testScores,
      double threshold,
      CellModels.InputShape shape) {
    List<Integer> chosen = new ArrayList<>();
    for (int label = 0; label <= 1; label++) {
      int found = 0;
      for (int i = 0; i < testLabels.length && found < ANOMALY_IMAGES; i++) {
        if (testLabels[i] == label) {
          chosen.add(i);
          found++;
        }
      }
    }
    float[][] shown = new float[chosen.size()][];
    List<String> captions = new ArrayList<>();
    for (int i = 0; i < shown.length; i++) {
      int row = chosen.get(i);
      shown[i] = test.getRow(row).toFloatVector();
      double score = testScores[row];
      captions.add(
          String.format(
              Locale.ROOT,
              "%s, score %.4g%s",
              testLabels[row] == 1 ? "anomaly" : "normal",
              score,
              score > threshold ? ", flagged" : ""));
    }
    Display display = Display.of(shown);
    List<Picture> pictures = new ArrayList<>();
    add(
        pictures,
        String.format(
            Locale.ROOT,
            "normal and anomalous test images, their anomaly scores ||x - x_hat||^2 and whether the"
                + " threshold %.4g flags them (%s)",
            threshold,
            display.description()),
        captions,
        shown,
        shape,
        display);
    float[][] xHat = reconstruct(model, Nd4j.createFromArray(shown));
    List<String> labels = new ArrayList<>();
    for (int row : chosen) {
      labels.add("x_hat of " + (testLabels[row] == 1 ? "anomaly" : "normal"));
    }
    add(
        pictures,
        "the model's reconstructions of them, " + reconstructionName(model) + " (same scaling)",
        labels,
        xHat,
        shape,
        display);
    return pictures;
  }

  /** An autoencoder has no energy gradient to sample with. */
  static boolean hasScore(EnergyModel model) {
    return !(model instanceof Autoencoder);
  }

  private static String reconstructionName(EnergyModel model) {
    return model instanceof Autoencoder
        ? "x_hat = the decoder's output"
        : "x_hat = x - grad_x E(x)";
  }

  private static float[][] reconstruct(EnergyModel model, INDArray x) {
    return new Inference(model).run(x, Inference.Quantity.RECONSTRUCTION).toFloatMatrix();
  }

  private static List<String> errors(float[][] x, float[][] xHat) {
    List<String> captions = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      double error = 0;
      for (int p = 0; p < x[i].length; p++) {
        double d = x[i][p] - xHat[i][p];
        error += d * d;
      }
      captions.add(String.format(Locale.ROOT, "error %.4g", error));
    }
    return captions;
  }

  /** The chains' start: the images plus seeded Gaussian noise scaled to the pixels' spread. */
  private static float[][] start(float[][] images, long seed) {
    double sum = 0;
    double squares = 0;
    long count = 0;
    for (float[] image : images) {
      for (float v : image) {
        sum += v;
        squares += (double) v * v;
        count++;
      }
    }
    double mean = sum / count;
    double std = Math.sqrt(Math.max(0, squares / count - mean * mean));
    Random random = new Random(seed);
    float[][] start = new float[images.length][];
    for (int i = 0; i < images.length; i++) {
      start[i] = new float[images[i].length];
      for (int p = 0; p < start[i].length; p++) {
        start[i][p] = (float) (images[i][p] + START_NOISE * std * random.nextGaussian());
      }
    }
    return start;
  }

  /**
   * Up to {@code n} indices in order, first one per class (the first image of each class, in the
   * order they appear), then the remaining images in order.
   */
  public static int[] differentClassesFirst(int[] labels, int n) {
    Set<Integer> chosen = new LinkedHashSet<>();
    Set<Integer> classes = new LinkedHashSet<>();
    for (int i = 0; i < labels.length && chosen.size() < n; i++) {
      if (classes.add(labels[i])) {
        chosen.add(i);
      }
    }
    for (int i = 0; i < labels.length && chosen.size() < n; i++) {
      chosen.add(i);
    }
    return chosen.stream().mapToInt(Integer::intValue).sorted().toArray();
  }

  private static void add(
      List<Picture> pictures,
      String row,
      List<String> captions,
      float[][] images,
      CellModels.InputShape shape,
      Display display) {
    for (int i = 0; i < images.length; i++) {
      PngImages.Png png =
          PngImages.encode(
              images[i], shape.channels(), shape.height(), shape.width(), display.range(images[i]));
      pictures.add(Picture.png(row, captions.get(i), png.width(), png.height(), png.bytes()));
    }
  }
}
