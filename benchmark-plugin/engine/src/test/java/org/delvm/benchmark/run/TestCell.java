package org.delvm.benchmark.run;

import java.util.List;
import java.util.Map;
import org.delvm.benchmark.plan.Cell;

/**
 * Builds a loaded plan's cell for tests: every field a runner reads set (an SM-DELVM on ECG5000 by
 * default); tests change only what they are about.
 */
public final class TestCell {

  private String id = "c";
  private String experiment = "test";
  private String dataset = "ecg5000";
  private long splitSeed = 1;
  private String model = "delvm-mlp";
  private List<Integer> hiddenUnits = List.of(8);
  private String activation = "relu";
  private String objective = "sm";
  private Map<String, Object> objectiveOptions = Map.of();
  private int epochs = 1;
  private int batchSize = 100;
  private List<Double> learningRates = List.of(1e-3);
  private long seed = 1;
  private Map<String, Double> paper = Map.of();
  private String series = "SM-DELVM";
  private List<Integer> kernels;
  private Cell.ImageSubset images;
  private String evaluation;
  private Integer latentUnits;
  private Cell.Pretraining pretraining;
  private String protocol;

  private TestCell() {}

  static TestCell ecg(String id) {
    return new TestCell().id(id);
  }

  /** A one-layer CNN DELVM (2 filters of 3 x 3) on a subset of an image dataset. */
  public static TestCell image(String id, String dataset, Cell.ImageSubset images) {
    TestCell c = new TestCell().id(id);
    c.dataset = dataset;
    c.model = "delvm-cnn";
    c.hiddenUnits = List.of(2);
    c.kernels = List.of(3);
    c.images = images;
    return c;
  }

  TestCell id(String value) {
    id = value;
    return this;
  }

  TestCell experiment(String value) {
    experiment = value;
    return this;
  }

  TestCell dataset(String value) {
    dataset = value;
    return this;
  }

  TestCell images(Cell.ImageSubset value) {
    images = value;
    return this;
  }

  TestCell splitSeed(long value) {
    splitSeed = value;
    return this;
  }

  TestCell model(String value) {
    model = value;
    return this;
  }

  public TestCell hiddenUnits(List<Integer> value) {
    hiddenUnits = value;
    return this;
  }

  TestCell activation(String value) {
    activation = value;
    return this;
  }

  TestCell objective(String value) {
    objective = value;
    return this;
  }

  TestCell epochs(int value) {
    epochs = value;
    return this;
  }

  TestCell batchSize(int value) {
    batchSize = value;
    return this;
  }

  TestCell learningRate(double value) {
    learningRates = List.of(value);
    return this;
  }

  TestCell seed(long value) {
    seed = value;
    return this;
  }

  TestCell paper(Map<String, Double> value) {
    paper = value;
    return this;
  }

  TestCell series(String value) {
    series = value;
    return this;
  }

  public TestCell kernels(List<Integer> value) {
    kernels = value;
    return this;
  }

  TestCell evaluation(String value) {
    evaluation = value;
    return this;
  }

  TestCell latentUnits(Integer value) {
    latentUnits = value;
    return this;
  }

  TestCell pretraining(Cell.Pretraining value) {
    pretraining = value;
    return this;
  }

  TestCell protocol(String value) {
    protocol = value;
    return this;
  }

  public Cell build() {
    return new Cell(
        id,
        experiment,
        dataset,
        splitSeed,
        model,
        hiddenUnits,
        activation,
        objective,
        objectiveOptions,
        epochs,
        batchSize,
        learningRates,
        seed,
        paper,
        series,
        Map.of(),
        kernels,
        images,
        evaluation,
        latentUnits,
        pretraining,
        protocol);
  }
}
