package org.delvm.benchmark.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.delvm.benchmark.datasets.LabelledImages;
import org.delvm.benchmark.evaluation.FeatureFile;
import org.delvm.benchmark.evaluation.LayerFeatures;
import org.delvm.benchmark.evaluation.LinearProbe;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingResult;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.delvm.benchmark.pictures.CellPictures;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Picture;
import org.delvm.benchmark.report.TestPredictions;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one feature-learning cell the paper's way: train a convolutional model on the training
 * images without labels, then measure how well a softmax classifier recognises the test images from
 * the learned features (every layer's maps, max-pooled 2 x 2, concatenated). The result carries
 * pictures of test images, the model's reconstructions of them and Langevin samples ({@link
 * CellPictures}).
 */
public final class FeatureLearningCellRunner {

  private final Path scratch;
  private final Consumer<String> log;

  /**
   * @param scratch where the feature tables go while the classifier trains (they can be larger than
   *     the heap: 15 GB for the paper's largest Fashion-MNIST cell); deleted after each cell
   */
  FeatureLearningCellRunner(Path scratch, Consumer<String> log) {
    this.scratch = scratch;
    this.log = log;
  }

  /**
   * Trains the cell's model ({@code hiddenUnits} are its filters, {@code kernels} its kernel sizes)
   * and probes it with {@code images.probeEpochs} epochs of the classifier; the paper's accuracy is
   * {@code paper.accuracy}.
   */
  CellResult run(Cell cell, LabelledImages train, LabelledImages test, List<String> classNames) {
    EnergyModel model =
        CellModels.create(
            cell, new CellModels.InputShape(train.channels(), train.height(), train.width()));
    log.accept(
        String.format(
            "cell %s: starting (%s, %s, objective %s, %d epochs, %d training images)",
            cell.id(),
            cell.dataset(),
            model.describe(),
            cell.objective(),
            cell.epochs(),
            train.size()));
    INDArray trainX = Nd4j.createFromArray(train.pixels());
    TrainingSettings settings =
        new TrainingSettings(
            cell.epochs(),
            cell.batchSize(),
            cell.learningRates().stream().mapToDouble(Double::doubleValue).toArray(),
            cell.seed());
    TrainingResult training =
        new ModelTrainer(
                settings,
                p -> {
                  log.accept(progress(cell, p));
                  CellDeadline.check(cell.id(), p.epoch());
                })
            .train(model, Objectives.create(cell.objective(), cell.objectiveOptions()), trainX);

    List<MetricResult> metrics = new ArrayList<>();
    List<Picture> pictures = List.of();
    TestPredictions predictions = TestPredictions.NONE;
    int probeEpochs = cell.images().probeEpochs();
    if (training.status() == TrainingResult.Status.COMPLETED) {
      long start = System.nanoTime();
      LinearProbe.Result probe = probe(cell, model, trainX, train, test, classNames);
      predictions = TestPredictions.of(test.labels(), probe.predicted());
      metrics.add(
          new MetricResult("accuracy", probe.accuracy(), cell.paper().get("accuracy"), "%"));
      probe
          .perClassAccuracy()
          .forEach((c, a) -> metrics.add(new MetricResult("accuracy: " + c, a, null, "%")));
      metrics.add(new MetricResult("features per image", probe.features(), null, "samples"));
      log.accept(
          String.format(
              "cell %s: done: accuracy %.2f%% (%d features, probe %.1f s, paper %s)",
              cell.id(),
              probe.accuracy(),
              probe.features(),
              (System.nanoTime() - start) / 1e9,
              cell.paper().getOrDefault("accuracy", Double.NaN)));
      pictures =
          CellPictures.orNone(
              cell.id(),
              log,
              () ->
                  CellPictures.featureLearning(
                      model,
                      test.pixels(),
                      test.labels(),
                      classNames,
                      new CellModels.InputShape(test.channels(), test.height(), test.width()),
                      cell.seed()));
    } else {
      log.accept("cell " + cell.id() + ": " + training.message());
    }
    Map<String, String> described = new LinkedHashMap<>();
    described.put("filters", cell.hiddenUnits().toString());
    described.put("kernel sizes", cell.kernels().toString());
    described.put("activation", cell.activation());
    described.put("network", model.describe() + ", stride 1, same zero padding, no pooling in f");
    if (cell.latentUnits() != null) {
      described.put("latent units", Integer.toString(cell.latentUnits()));
    }
    described.put("objective used", ObjectiveUsed.of(cell));
    if (!cell.objectiveOptions().isEmpty()) {
      described.put("objective options", new TreeMap<>(cell.objectiveOptions()).toString());
    }
    described.put("epochs", Integer.toString(cell.epochs()));
    described.put("batch size", Integer.toString(cell.batchSize()));
    described.put("optimiser", "Adam, learning rate per layer " + cell.learningRates());
    described.put("training images", train.source());
    described.put("test images", test.source());
    described.put(
        "features", "every layer's maps, max-pooled 2x2 stride 2, concatenated, standardised");
    described.put("classifier", LinearProbe.CLASSIFIER + ", " + probeEpochs + " epochs");
    Map<String, Double> coordinates = new LinkedHashMap<>(cell.coordinates());
    if (coordinates.isEmpty()) {
      coordinates.put("filters", (double) cell.hiddenUnits().get(0));
      coordinates.put("kernel size", (double) cell.kernels().get(0));
      coordinates.put("layers", (double) cell.hiddenUnits().size());
    }
    return new CellResult(
            cell.id(),
            cell.experiment(),
            cell.dataset(),
            model.describe(),
            cell.objective(),
            described,
            cell.seed(),
            training.status() == TrainingResult.Status.COMPLETED
                ? CellStatus.COMPLETED
                : CellStatus.DIVERGED,
            training.message(),
            training.seconds(),
            training.samplesPerSecond(),
            training.epochLosses(),
            metrics,
            cell.series(),
            coordinates,
            pictures)
        .withPredictions(predictions);
  }

  /** Writes both feature tables to scratch files, trains and tests the classifier, deletes them. */
  private LinearProbe.Result probe(
      Cell cell,
      EnergyModel model,
      INDArray trainX,
      LabelledImages train,
      LabelledImages test,
      List<String> classNames) {
    int stale = FeatureFile.removeStale(scratch);
    if (stale > 0) {
      log.accept("removed " + stale + " feature file(s) left in " + scratch + " by ended runs");
    }
    LayeredNetwork layers = CellModels.featureNetwork(model);
    try (FeatureFile trainFeatures = LayerFeatures.write(model, layers, trainX, scratch);
        FeatureFile testFeatures =
            LayerFeatures.write(model, layers, Nd4j.createFromArray(test.pixels()), scratch)) {
      return new LinearProbe(cell.images().probeEpochs(), cell.seed())
          .evaluate(trainFeatures, train.labels(), testFeatures, test.labels(), classNames);
    }
  }

  private static String progress(Cell cell, ModelTrainer.EpochProgress p) {
    double eta = p.seconds() / p.epoch() * (p.epochs() - p.epoch());
    return String.format(
        "cell %s: epoch %d/%d loss %.4f, %.0f samples/s, ETA %.0f s",
        cell.id(), p.epoch(), p.epochs(), p.loss(), p.samplesPerSecond(), eta);
  }
}
