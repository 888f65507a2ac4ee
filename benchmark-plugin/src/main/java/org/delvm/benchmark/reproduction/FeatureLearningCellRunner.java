package org.delvm.benchmark.reproduction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.delvm.benchmark.datasets.LabelledImages;
import org.delvm.benchmark.evaluation.LayerFeatures;
import org.delvm.benchmark.evaluation.LinearProbe;
import org.delvm.benchmark.models.Cnn;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingResult;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.MetricResult;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one feature-learning cell the paper's way: train a CNN DELVM on the training images without
 * labels, then measure how well a softmax classifier recognises the test images from the learned
 * features (every layer's maps, max-pooled 2 x 2, concatenated).
 */
final class FeatureLearningCellRunner {

  /**
   * What a feature-learning cell asks for.
   *
   * @param filters filters of each convolutional layer
   * @param kernels square kernel size of each layer
   * @param probeEpochs epochs of the softmax classifier
   * @param paper the paper's accuracy (key {@code accuracy}), percent, if it reports one
   */
  record Spec(
      String id,
      String experiment,
      String dataset,
      String objective,
      Map<String, Object> objectiveOptions,
      List<Integer> filters,
      List<Integer> kernels,
      int epochs,
      int batchSize,
      List<Double> learningRates,
      long seed,
      int probeEpochs,
      Map<String, Double> paper) {}

  private final Consumer<String> log;

  FeatureLearningCellRunner(Consumer<String> log) {
    this.log = log;
  }

  CellResult run(Spec spec, LabelledImages train, LabelledImages test, List<String> classNames) {
    Delvm model =
        new Delvm(
            Cnn.initialise(
                train.channels(),
                train.height(),
                train.width(),
                spec.filters(),
                spec.kernels(),
                Activation.RELU,
                spec.seed(),
                DataType.FLOAT));
    log.accept(
        String.format(
            "cell %s: starting (%s, %s, objective %s, %d epochs, %d training images)",
            spec.id(),
            spec.dataset(),
            model.describe(),
            spec.objective(),
            spec.epochs(),
            train.size()));
    INDArray trainX = Nd4j.createFromArray(train.pixels());
    TrainingSettings settings =
        new TrainingSettings(
            spec.epochs(),
            spec.batchSize(),
            spec.learningRates().stream().mapToDouble(Double::doubleValue).toArray(),
            spec.seed());
    TrainingResult training =
        new ModelTrainer(settings, p -> log.accept(progress(spec, p)))
            .train(model, Objectives.create(spec.objective(), spec.objectiveOptions()), trainX);

    List<MetricResult> metrics = new ArrayList<>();
    if (training.status() == TrainingResult.Status.COMPLETED) {
      long start = System.nanoTime();
      float[][] trainFeatures = LayerFeatures.of(model, trainX);
      float[][] testFeatures = LayerFeatures.of(model, Nd4j.createFromArray(test.pixels()));
      LinearProbe.Result probe =
          new LinearProbe(spec.probeEpochs(), spec.seed())
              .evaluate(trainFeatures, train.labels(), testFeatures, test.labels(), classNames);
      metrics.add(
          new MetricResult("accuracy", probe.accuracy(), spec.paper().get("accuracy"), "%"));
      probe
          .perClassAccuracy()
          .forEach((c, a) -> metrics.add(new MetricResult("accuracy: " + c, a, null, "%")));
      metrics.add(new MetricResult("features per image", probe.features(), null, "samples"));
      log.accept(
          String.format(
              "cell %s: done: accuracy %.2f%% (%d features, probe %.1f s, paper %s)",
              spec.id(),
              probe.accuracy(),
              probe.features(),
              (System.nanoTime() - start) / 1e9,
              spec.paper().getOrDefault("accuracy", Double.NaN)));
    } else {
      log.accept("cell " + spec.id() + ": " + training.message());
    }
    Map<String, String> described = new LinkedHashMap<>();
    described.put("filters", spec.filters().toString());
    described.put("kernel sizes", spec.kernels().toString());
    described.put("network", model.describe() + ", stride 1, same zero padding, no pooling in f");
    described.put("epochs", Integer.toString(spec.epochs()));
    described.put("batch size", Integer.toString(spec.batchSize()));
    described.put("optimiser", "Adam, learning rate per layer " + spec.learningRates());
    described.put("training images", train.source());
    described.put("test images", test.source());
    described.put(
        "features", "every layer's maps, max-pooled 2x2 stride 2, concatenated, standardised");
    described.put(
        "classifier",
        "Tribuo multinomial logistic regression, AdaGrad, " + spec.probeEpochs() + " epochs");
    Map<String, Double> coordinates = new LinkedHashMap<>();
    coordinates.put("filters", (double) spec.filters().get(0));
    coordinates.put("kernel size", (double) spec.kernels().get(0));
    coordinates.put("layers", (double) spec.filters().size());
    return new CellResult(
        spec.id(),
        spec.experiment(),
        spec.dataset(),
        model.describe(),
        spec.objective(),
        described,
        spec.seed(),
        training.status() == TrainingResult.Status.COMPLETED ? "completed" : "diverged",
        training.message(),
        training.seconds(),
        training.samplesPerSecond(),
        training.epochLosses(),
        metrics,
        spec.objective().toUpperCase(Locale.ROOT) + "-DELVM",
        coordinates);
  }

  private static String progress(Spec spec, ModelTrainer.EpochProgress p) {
    double eta = p.seconds() / p.epoch() * (p.epochs() - p.epoch());
    return String.format(
        "cell %s: epoch %d/%d loss %.4f, %.0f samples/s, ETA %.0f s",
        spec.id(), p.epoch(), p.epochs(), p.loss(), p.samplesPerSecond(), eta);
  }
}
