package org.delvm.benchmark.benchmarks;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.delvm.benchmark.evaluation.LinearProbe;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Linear-probe throughput: one operation is {@link LinearProbe#evaluate} on {@value #ROWS} training
 * rows for one epoch and {@value #TEST_ROWS} test rows, 10 classes, rows in memory (the plugin
 * reads them from a scratch file; its time is in the cell log). Training samples per second =
 * operations per second x {@value #ROWS}; the work per training sample is about 4 x 10 x (width +
 * 1) FLOP (scores and gradient), plus the standardising pass and the optimiser step per 64 rows.
 *
 * <p>{@code width}: 15680 is one layer of 80 filters on Fashion-MNIST (14 x 14 pooled maps), 62720
 * four such layers (the paper plan's widest Fashion-MNIST probe).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx4g"})
public class LinearProbeBenchmark {

  public static final int ROWS = 640;
  public static final int TEST_ROWS = 64;
  private static final List<String> CLASSES =
      IntStream.range(0, 10).mapToObj(c -> "c" + c).toList();

  @Param({"15680", "62720"})
  public int width;

  private float[][] train;
  private int[] trainLabels;
  private float[][] test;
  private int[] testLabels;

  @Setup(Level.Trial)
  public void setUp() {
    Random random = new Random(1);
    trainLabels = new int[ROWS];
    train = rows(trainLabels, random);
    testLabels = new int[TEST_ROWS];
    test = rows(testLabels, random);
  }

  private float[][] rows(int[] labels, Random random) {
    float[][] rows = new float[labels.length][width];
    for (int i = 0; i < rows.length; i++) {
      labels[i] = random.nextInt(CLASSES.size());
      for (int j = 0; j < width; j++) {
        rows[i][j] = (float) random.nextGaussian() + (j % 10 == labels[i] ? 0.5f : 0f);
      }
    }
    return rows;
  }

  @Benchmark
  public double probe() {
    return new LinearProbe(1, 1L)
        .evaluate(train, trainLabels, test, testLabels, CLASSES)
        .accuracy();
  }
}
