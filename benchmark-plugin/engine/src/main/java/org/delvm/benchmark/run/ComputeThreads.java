package org.delvm.benchmark.run;

import java.util.Locale;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOps;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Sets how many threads ND4J's native code computes with ({@code -Ddelvm.threads}).
 *
 * <p>ND4J's CPU backend (1.0.0-M2.1) has three thread counts, all set from {@code OMP_NUM_THREADS}
 * (else one per core) when it loads; {@link #apply} sets all three at run time:
 *
 * <ul>
 *   <li>OpenMP ({@code omp_set_num_threads}, used by oneDNN and some libnd4j ops). libgomp keeps
 *       this value <em>per thread</em>: it holds for the calling thread only, so call {@link
 *       #apply} on the thread that runs the training. It is what {@code
 *       Nd4j.getExecutioner().getEnvironmentInformation().get("omp.threads")} reports, for the
 *       calling thread.
 *   <li>OpenBLAS ({@code Nd4j.factory().blas().setMaxThreads}, GEMMs); process-wide.
 *   <li>libnd4j's own loop threads ({@code Nd4j.getEnvironment().setMaxMasterThreads}, element-wise
 *       ops and reductions); process-wide, and capped at the size of libnd4j's thread pool ({@code
 *       Nd4j.getEnvironment().maxThreads()}, fixed at load time: {@code setMaxThreads} does nothing
 *       in this version), so it can be lowered at run time but not raised above that.
 * </ul>
 *
 * <p>Measured on a 2-core machine busy with other builds (load 8-10): a batch-100 layer of the ECG
 * network (100x140 times 140x2048, then tanh) took 5.6-7.6 ms (median) with one thread against
 * 28-32 ms with ND4J's default of two; a 1024 x 1024 SGEMM 55-68 ms against 72-96 ms.
 */
public final class ComputeThreads {

  /** The system property (and Maven parameter) that chooses the thread count. */
  public static final String PROPERTY = "delvm.threads";

  /** Keep ND4J's own choice ({@code OMP_NUM_THREADS}, else one thread per core); so does 0. */
  public static final int AUTO = -1;

  /** ND4J's thread counts before this class first changed them, restored by {@link #AUTO}. */
  private static Counts defaults;

  private ComputeThreads() {}

  /**
   * Sets ND4J's compute threads to {@code threads}; 0 or {@link #AUTO} keeps (or restores) ND4J's
   * default. Must run on the thread that will run the computations (see the class comment).
   *
   * @return one line for the log, naming the thread counts now in effect
   * @throws IllegalArgumentException for a negative count other than {@link #AUTO}
   */
  public static synchronized String apply(int threads) {
    if (threads < 0 && threads != AUTO) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "%s must be the number of threads ND4J computes with (1 or more), or 0 or %d (auto)"
                  + " to keep ND4J's default (OMP_NUM_THREADS, else one thread per core); got %d."
                  + " Fix -D%s=<n>, e.g. -D%s=1 on a machine shared with other jobs.",
              PROPERTY,
              AUTO,
              threads,
              PROPERTY,
              PROPERTY));
    }
    // Load the backend first: NativeOpsHolder reads the backend's properties, which only exist once
    // Nd4j has loaded it; touched first, it fails and ND4J is unusable for the rest of the JVM.
    Nd4j.getBackend();
    NativeOps nativeOps = NativeOpsHolder.getInstance().getDeviceNativeOps();
    if (defaults == null) {
      defaults = Counts.read(nativeOps);
    }
    if (threads <= 0) {
      set(nativeOps, defaults.openMp, defaults.openBlas, defaults.loops);
      return "ND4J compute threads: ND4J's default, " + Counts.read(nativeOps).describe();
    }
    set(nativeOps, threads, threads, threads);
    Counts now = Counts.read(nativeOps);
    String line = "ND4J compute threads: " + threads;
    if (now.openMp == threads && now.openBlas == threads && now.loops == threads) {
      return line + " (OpenMP, OpenBLAS and libnd4j loops)";
    }
    return line
        + " requested, "
        + now.describe()
        + (now.loops < threads
            ? "; libnd4j loops are capped at its pool of " + Nd4j.getEnvironment().maxThreads()
            : "");
  }

  private static void set(NativeOps nativeOps, int openMp, int openBlas, int loops) {
    nativeOps.setOmpNumThreads(openMp);
    Nd4j.factory().blas().setMaxThreads(openBlas);
    Nd4j.getEnvironment().setMaxMasterThreads(loops);
  }

  /**
   * The thread counts in effect, OpenMP's for the calling thread: for the results' environment
   * (GEMM and convolution results depend on them at rounding level, and a probe or a chaotic
   * training amplifies that).
   */
  public static synchronized String current() {
    Nd4j.getBackend();
    return Counts.read(NativeOpsHolder.getInstance().getDeviceNativeOps()).describe();
  }

  /** The three counts, as ND4J reports them on the calling thread. */
  private record Counts(int openMp, int openBlas, int loops) {

    static Counts read(NativeOps nativeOps) {
      return new Counts(
          nativeOps.ompGetMaxThreads(),
          Nd4j.factory().blas().getMaxThreads(),
          Nd4j.getEnvironment().maxMasterThreads());
    }

    String describe() {
      return String.format(
          Locale.ROOT, "OpenMP %d, OpenBLAS %d, libnd4j loops %d", openMp, openBlas, loops);
    }
  }
}
