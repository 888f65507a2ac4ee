package org.delvm.benchmark.benchmarks;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.delvm.benchmark.models.Autoencoder;
import org.delvm.benchmark.models.Cnn;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.models.objectives.Objective;
import org.delvm.benchmark.models.objectives.Objectives;
import org.delvm.benchmark.models.training.ModelTrainer;
import org.delvm.benchmark.models.training.TrainingSettings;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Training throughput: one operation is one optimiser step on a batch of {@value #BATCH} rows,
 * exactly the per-batch work of {@link ModelTrainer#train}: {@code step.run()} (objective, forward
 * and backward) followed by the Adam update. Samples per second = operations per second x {@value
 * #BATCH}.
 *
 * <p>{@code sgemm-1024} is one float32 1024 x 1024 x 1024 GEMM into a preallocated output per
 * operation: the machine's GEMM rate (2 x 1024^3 FLOP per operation), for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Xmx4g",
      "-Dorg.bytedeco.javacpp.maxbytes=14g",
      "-Dorg.bytedeco.javacpp.maxphysicalbytes=20g",
      "-Dorg.slf4j.simpleLogger.log.org.nd4j=warn"
    })
public class TrainingStepBenchmark {

  /** Rows per batch, as in the paper's training. */
  public static final int BATCH = 100;

  @Param({
    "delvm-sm-mlp-140-2048",
    "delvm-sm-mlp-140-2048x4",
    "delvm-ssm-mlp-140-2048x4",
    "delvm-cd-mlp-140-2048",
    "delvm-ssm-mlp-140-2048",
    "delvm-dsm-mlp-140-2048",
    "delvm-nce-mlp-140-2048",
    "delvm-pcd-mlp-140-2048",
    "ae-mlp-140-256",
    "delvm-sm-cnn-1x28x28-70k5",
    "delvm-sm-cnn-3x32x32-80k3",
    "sgemm-1024"
  })
  public String config;

  private Runnable operation;
  private Objective.TrainingStep step;

  @Setup(Level.Trial)
  public void setUp() {
    operation = prepare(config);
  }

  /** Builds the operation a config names; everything it needs is allocated here, once. */
  Runnable prepare(String name) {
    if (name.equals("sgemm-1024")) {
      Nd4j.getRandom().setSeed(1);
      INDArray a = Nd4j.rand(DataType.FLOAT, 1024, 1024);
      INDArray b = Nd4j.rand(DataType.FLOAT, 1024, 1024);
      INDArray c = Nd4j.create(DataType.FLOAT, 1024, 1024);
      return () -> Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
    }
    TrainingConfig tc = TrainingConfig.parse(name);
    EnergyModel model = tc.model();
    Objective objective = Objectives.create(tc.objective(), tc.options());
    Nd4j.getRandom().setSeed(3);
    INDArray data = Nd4j.rand(DataType.FLOAT, BATCH, model.inputSize());
    step = objective.prepare(new Objective.Context(model, BATCH, data, 11L));
    step.batch().assign(data);
    // A small learning rate: the same batch is trained on for minutes, which must stay finite.
    ModelTrainer trainer =
        new ModelTrainer(new TrainingSettings(1, BATCH, new double[] {1e-5}, 5L), p -> {});
    ModelTrainer.Optimiser optimiser = trainer.optimiser(step.parameters());
    int[] iteration = {0};
    return () -> {
      lastLoss = step.run();
      optimiser.update(iteration[0]++, 0);
    };
  }

  private double lastLoss;

  /** The training step of a training config (null for sgemm). */
  Objective.TrainingStep step() {
    return step;
  }

  /** The loss of the last step (NaN before the first). */
  double lastLoss() {
    return lastLoss;
  }

  @Benchmark
  public void trainingStep() {
    operation.run();
  }

  @TearDown(Level.Trial)
  public void checkFinite() {
    if (step != null && !Double.isFinite(lastLoss)) {
      throw new IllegalStateException(config + ": the loss became " + lastLoss);
    }
  }

  /**
   * A training config name: {@code <model>-<objective>-<network>-<input>-<layers>}, e.g. {@code
   * delvm-sm-mlp-140-2048x4} (an MLP 140-2048-2048-2048-2048), {@code delvm-sm-cnn-1x28x28-70k5}
   * (one convolution of 70 filters 5 x 5 on 1 x 28 x 28), {@code ae-mlp-140-256} (a dense
   * autoencoder 140-256-140 trained on the reconstruction objective). ReLU, float32, cd with k = 1,
   * ssm with one projection, {@code pcd} = pcd-langevin with CEBM's settings, others at defaults.
   */
  record TrainingConfig(String name, String objective, Map<String, Object> options) {

    static TrainingConfig parse(String name) {
      String[] parts = name.split("-");
      if (parts[0].equals("ae") && parts.length == 4 && parts[1].equals("mlp")) {
        return new TrainingConfig(name, "reconstruction", Map.of());
      }
      if (parts.length != 5 || !parts[0].equals("delvm")) {
        throw new IllegalArgumentException("unknown config " + name);
      }
      Map<String, Object> options =
          switch (parts[1]) {
            case "cd" -> Map.of("k", 1);
            case "ssm" -> Map.of("projections", 1);
            default -> Map.of();
          };
      // Objective names may contain '-': "pcd" stands for pcd-langevin (CEBM's 60 SGLD steps).
      String objective = parts[1].equals("pcd") ? "pcd-langevin" : parts[1];
      return new TrainingConfig(name, objective, options);
    }

    EnergyModel model() {
      String[] parts = name.split("-");
      DataType f = DataType.FLOAT;
      if (parts[0].equals("ae")) {
        return Autoencoder.dense(
            Integer.parseInt(parts[2]),
            List.of(Integer.parseInt(parts[3])),
            Activation.RELU,
            7L,
            f);
      }
      if (parts[2].equals("mlp")) {
        String[] layers = parts[4].split("x");
        int depth = layers.length > 1 ? Integer.parseInt(layers[1]) : 1;
        List<Integer> widths = Collections.nCopies(depth, Integer.parseInt(layers[0]));
        return new Delvm(
            Mlp.initialise(Integer.parseInt(parts[3]), widths, Activation.RELU, 7L, f));
      }
      if (parts[2].equals("cnn")) {
        String[] chw = parts[3].split("x");
        String[] fk = parts[4].split("k");
        return new Delvm(
            Cnn.initialise(
                Integer.parseInt(chw[0]),
                Integer.parseInt(chw[1]),
                Integer.parseInt(chw[2]),
                List.of(Integer.parseInt(fk[0])),
                List.of(Integer.parseInt(fk[1])),
                Activation.RELU,
                7L,
                f));
      }
      throw new IllegalArgumentException("unknown network in config " + name);
    }
  }
}
