package org.delvm.benchmark.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.bytedeco.javacpp.Pointer;
import org.delvm.benchmark.models.graph.NodeProfiler;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * Runs one benchmark config outside JMH and prints, per round of steps: the time per step, the
 * loss, the Java heap bytes allocated by this thread, and JavaCPP's count and bytes of native
 * allocations (ND4J's data buffers) - the allocation check of the training step.
 *
 * <p>{@code java -cp models/benchmarks/target/benchmarks.jar
 * org.delvm.benchmark.benchmarks.StepProbe <config> [rounds] [stepsPerRound]}
 */
public final class StepProbe {

  private StepProbe() {}

  public static void main(String[] args) throws ReflectiveOperationException {
    String config = args[0];
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    TrainingStepBenchmark b = new TrainingStepBenchmark();
    b.config = config;
    long t0 = System.nanoTime();
    b.setUp();
    System.out.printf("%s: setup %.1f ms%n", config, (System.nanoTime() - t0) / 1e6);
    if (Boolean.getBoolean("probe.nodes")) {
      for (int s = 0; s < steps; s++) {
        b.trainingStep();
      }
      NodeProfiler profiler = new NodeProfiler(b.step());
      for (int r = 0; r < rounds; r++) {
        profiler.reset();
        for (int s = 0; s < steps; s++) {
          profiler.step();
        }
      }
      System.out.print(profiler.report());
      return;
    }
    if (Boolean.getBoolean("probe.opCount")) {
      for (int s = 0; s < steps; s++) {
        b.trainingStep();
      }
      Nd4j.getExecutioner()
          .setProfilingMode(
              org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode.OPERATIONS);
      OpProfiler.getInstance().reset();
      for (int s = 0; s < steps; s++) {
        b.trainingStep();
      }
      System.out.printf(
          "%s: %.1f ND4J op calls per step%n",
          config, OpProfiler.getInstance().getInvocationsCount() / (double) steps);
      OpProfiler.getInstance().printOutDashboard();
      return;
    }
    // -Dprobe.stepOnly=true: the objective's step alone, without the Adam update.
    Runnable work = Boolean.getBoolean("probe.stepOnly") ? () -> b.step().run() : b::trainingStep;
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    for (int r = 0; r < rounds; r++) {
      long heap0 = threads.getThreadAllocatedBytes(tid);
      long count0 = Pointer.totalCount();
      long bytes0 = Pointer.totalBytes();
      long phys0 = Pointer.physicalBytes();
      long gc0 = gcCount();
      long start = System.nanoTime();
      for (int s = 0; s < steps; s++) {
        work.run();
      }
      double ms = (System.nanoTime() - start) / 1e6 / steps;
      System.out.printf(
          "round %2d: %9.3f ms/step  loss %-12.6g heap %8.1f B/step  native allocs %+d (%+d B)"
              + "  physical %+.1f MB  gc %d  live native %d (%d MB)%n",
          r,
          ms,
          b.lastLoss(),
          (threads.getThreadAllocatedBytes(tid) - heap0) / (double) steps,
          Pointer.totalCount() - count0,
          Pointer.totalBytes() - bytes0,
          (Pointer.physicalBytes() - phys0) / 1e6,
          gcCount() - gc0,
          Pointer.totalCount(),
          Pointer.totalBytes() >> 20);
    }
  }

  private static long gcCount() {
    long n = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += gc.getCollectionCount();
    }
    return n;
  }
}
