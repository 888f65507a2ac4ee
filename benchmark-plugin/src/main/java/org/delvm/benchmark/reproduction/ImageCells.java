package org.delvm.benchmark.reproduction;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.delvm.benchmark.datasets.FetchedDataset;
import org.delvm.benchmark.datasets.ImageSplits;
import org.delvm.benchmark.datasets.LabelledImages;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;

/**
 * Runs the feature-learning cells of a plan: reads each image dataset once, when its first cell
 * runs, takes the cell's seeded subsets (CIFAR-10 standardised per channel, "standard
 * normalisation"; Fashion-MNIST kept in [0, 1]) and hands them to {@link
 * FeatureLearningCellRunner}.
 */
final class ImageCells {

  /** The subset rule, for the report's data section. */
  static final String RULE =
      "seeded subsets of the official splits: shuffle with java.util.Random(splitSeed), keep the"
          + " first trainImages / testImages; CIFAR-10 standardised per channel with the training"
          + " subset's mean and std, Fashion-MNIST pixels in [0, 1]";

  private final Map<String, FetchedDataset> fetched;
  private final Map<String, ImageSplits> loaded = new HashMap<>();
  private final FeatureLearningCellRunner runner;

  ImageCells(Map<String, FetchedDataset> fetched, Consumer<String> log) {
    this.fetched = fetched;
    this.runner = new FeatureLearningCellRunner(log);
  }

  CellResult run(Cell cell) {
    ImageSplits all =
        loaded.computeIfAbsent(cell.dataset(), id -> ImageDatasets.load(fetched.get(id)));
    LabelledImages train =
        ImageDatasets.subset(all.train(), cell.images().trainImages(), cell.splitSeed());
    LabelledImages test =
        ImageDatasets.subset(all.test(), cell.images().testImages(), cell.splitSeed());
    ImageSplits subsets = new ImageSplits(train, test);
    if (cell.dataset().startsWith("cifar10")) {
      subsets = ImageDatasets.standardised(subsets);
    }
    CellResult r =
        runner.run(
            new FeatureLearningCellRunner.Spec(
                cell.id(),
                cell.experiment(),
                cell.dataset(),
                cell.objective(),
                cell.objectiveOptions(),
                cell.hiddenUnits(),
                cell.kernels(),
                cell.epochs(),
                cell.batchSize(),
                cell.learningRates(),
                cell.seed(),
                cell.images().probeEpochs(),
                cell.paper()),
            subsets.train(),
            subsets.test(),
            ImageDatasets.classNames(cell.dataset()));
    // The plan decides the plot: its series and coordinates replace the runner's defaults.
    return r.withPlot(cell.series(), cell.coordinates());
  }
}
