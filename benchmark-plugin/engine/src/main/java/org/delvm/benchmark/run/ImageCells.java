package org.delvm.benchmark.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.delvm.benchmark.datasets.Cifar10AnomalySplit;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.datasets.ImageSplits;
import org.delvm.benchmark.datasets.LabelledImages;
import org.delvm.benchmark.evaluation.LinearProbe;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.TestPredictions;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs the image cells of a plan: reads each image dataset once, when its first cell needs it.
 * Feature-learning cells get seeded subsets of the official splits (CIFAR-10 standardised per
 * channel, "standard normalisation"; Fashion-MNIST kept in [0, 1]) for {@link
 * FeatureLearningCellRunner}; anomaly cells get the paper's CIFAR-10 anomaly split ({@link
 * Cifar10AnomalySplit}) for {@link AnomalyCellRunner}.
 */
final class ImageCells {

  /** The experiment of the raw-pixel controls. */
  static final String CONTROL_EXPERIMENT = "Controls (same images; not in the paper)";

  /** The subset rule, for the report's data section. */
  static final String RULE =
      "seeded subsets of the official splits: shuffle with java.util.Random(splitSeed), keep the"
          + " first trainImages / testImages; CIFAR-10 standardised per channel with the training"
          + " subset's mean and std, Fashion-MNIST pixels in [0, 1]";

  /**
   * Anomalous training images kept per normal one when a plan caps the CIFAR-10 split: the paper's
   * ratio (16200 x 0.7 / (6000 x 0.7)), so that the histogram threshold sees the same class prior.
   */
  static final double ANOMALOUS_PER_NORMAL = 2.7;

  private final Map<String, FetchedDataset> fetched;
  private final Map<String, ImageSplits> loaded = new HashMap<>();
  private final Map<String, Cifar10AnomalySplit.Result> anomalySplits = new LinkedHashMap<>();
  private final FeatureLearningCellRunner runner;
  private final AnomalyCellRunner anomalyRunner;

  /** {@code scratch}: where feature-learning cells put their feature tables while probing. */
  ImageCells(Map<String, FetchedDataset> fetched, Path scratch, Consumer<String> log) {
    this.fetched = fetched;
    this.runner = new FeatureLearningCellRunner(scratch, log);
    this.anomalyRunner = new AnomalyCellRunner(log);
  }

  /**
   * The CIFAR-10 anomaly split of an anomaly cell (the paper's rule, seeded by {@code splitSeed},
   * capped at the cell's {@code images}: trainImages normal training images, testImages test
   * images), made once per dataset, seed and caps.
   */
  synchronized Cifar10AnomalySplit.Result anomalySplit(Cell cell) {
    int trainNormal = cell.images().trainImages();
    int test = cell.images().testImages();
    String key = cell.dataset() + "@" + cell.splitSeed() + ":" + trainNormal + "/" + test;
    return anomalySplits.computeIfAbsent(
        key,
        k ->
            Cifar10AnomalySplit.paper(cell.splitSeed())
                .withLimits(trainNormal, (int) Math.ceil(ANOMALOUS_PER_NORMAL * trainNormal), test)
                .apply(images(cell.dataset())));
  }

  /** Every anomaly split made so far, by dataset, seed and caps, for the report and baselines. */
  synchronized Map<String, Cifar10AnomalySplit.Result> anomalySplits() {
    return anomalySplits;
  }

  /** Trains the cell's model on the split's normal training images and thresholds its RE. */
  CellResult runAnomaly(Cell cell) {
    Cifar10AnomalySplit.Result split = anomalySplit(cell);
    // "Standard normalisation" with the statistics of the images the model trains on.
    UnaryOperator<LabelledImages> standardise = ImageDatasets.standardiser(split.trainNormal());
    LabelledImages train = standardise.apply(split.trainNormal());
    return anomalyRunner.run(
        cell,
        new AnomalyCellRunner.AnomalyData(
            Nd4j.createFromArray(train.pixels()),
            Nd4j.createFromArray(standardise.apply(split.trainAnomalous()).pixels()),
            Nd4j.createFromArray(standardise.apply(split.test()).pixels()),
            split.testLabels(),
            new CellModels.InputShape(train.channels(), train.height(), train.width()),
            org.delvm.benchmark.datasets.EcgProtocol.PROJECT));
  }

  private synchronized ImageSplits images(String dataset) {
    return loaded.computeIfAbsent(dataset, id -> ImageDatasets.load(fetched.get(id)));
  }

  CellResult run(Cell cell) {
    ImageSplits subsets = featureSubsets(cell);
    return runner.run(
        cell, subsets.train(), subsets.test(), ImageDatasets.classNames(cell.dataset()));
  }

  /** The seeded training and test subsets a feature-learning cell uses (CIFAR standardised). */
  private ImageSplits featureSubsets(Cell cell) {
    ImageSplits all = images(cell.dataset());
    LabelledImages train =
        ImageDatasets.subset(all.train(), cell.images().trainImages(), cell.splitSeed());
    LabelledImages test =
        ImageDatasets.subset(all.test(), cell.images().testImages(), cell.splitSeed());
    ImageSplits subsets = new ImageSplits(train, test);
    if (cell.dataset().startsWith("cifar10")) {
      subsets = ImageDatasets.standardised(subsets);
    }
    return subsets;
  }

  /** Tells feature cells apart by the images they use: dataset, seed, subset sizes, probe. */
  static String subsetKey(Cell cell) {
    return cell.dataset()
        + "-s"
        + cell.splitSeed()
        + "-n"
        + cell.images().trainImages()
        + "x"
        + cell.images().testImages()
        + "-probe"
        + cell.images().probeEpochs();
  }

  /**
   * The control every feature-learning accuracy should be read against: the same softmax classifier
   * on the raw pixels of the same images (the paper does not report it). Id {@code
   * <subsetKey>-control-raw-pixels}.
   */
  CellResult rawPixelControl(Cell cell) {
    return rawPixelControl(cell, featureSubsets(cell));
  }

  /** The raw-pixel control on the given subsets of the cell's images. */
  static CellResult rawPixelControl(Cell cell, ImageSplits subsets) {
    long start = System.nanoTime();
    LinearProbe.Result probe =
        new LinearProbe(cell.images().probeEpochs(), cell.splitSeed())
            .evaluate(
                subsets.train().pixels(),
                subsets.train().labels(),
                subsets.test().pixels(),
                subsets.test().labels(),
                ImageDatasets.classNames(cell.dataset()));
    List<MetricResult> metrics = new ArrayList<>();
    metrics.add(new MetricResult("accuracy", probe.accuracy(), null, "%"));
    probe
        .perClassAccuracy()
        .forEach((c, a) -> metrics.add(new MetricResult("accuracy: " + c, a, null, "%")));
    metrics.add(new MetricResult("features per image", probe.features(), null, "samples"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("features", "the raw pixels (CIFAR-10 standardised per channel), no model");
    settings.put(
        "classifier",
        LinearProbe.CLASSIFIER
            + ", "
            + cell.images().probeEpochs()
            + " epochs (as the cells' probe)");
    settings.put("training images", subsets.train().source());
    settings.put("test images", subsets.test().source());
    return new CellResult(
            subsetKey(cell) + "-control-raw-pixels",
            CONTROL_EXPERIMENT,
            cell.dataset(),
            "control: raw pixels",
            "-",
            settings,
            0,
            CellStatus.COMPLETED,
            "",
            (System.nanoTime() - start) / 1e9,
            0,
            List.of(),
            metrics,
            "control: raw pixels",
            Map.of())
        .withPredictions(TestPredictions.of(subsets.test().labels(), probe.predicted()));
  }
}
