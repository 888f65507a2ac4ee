package org.delvm.benchmark.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** {@link ComputeThreads}, read back through ND4J's own API. */
class ComputeThreadsTest {

  @AfterEach
  void restoreDefaults() {
    // Other tests in this JVM must see ND4J as it was.
    ComputeThreads.apply(0);
  }

  private static int openMp() {
    Nd4j.getBackend(); // NativeOpsHolder needs the backend loaded first
    return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
  }

  private static int openBlas() {
    return Nd4j.factory().blas().getMaxThreads();
  }

  private static int loops() {
    return Nd4j.getEnvironment().maxMasterThreads();
  }

  @Test
  void oneThreadTakesEffectInEveryThreadCountOfNd4j() {
    String line = ComputeThreads.apply(1);

    assertEquals("ND4J compute threads: 1 (OpenMP, OpenBLAS and libnd4j loops)", line);
    assertEquals(1, openMp());
    assertEquals(
        "OpenMP 1, OpenBLAS 1, libnd4j loops 1",
        ComputeThreads.current(),
        "what the results' environment records");
    assertEquals(1, openBlas());
    assertEquals(1, loops());
    // And ND4J still computes correctly.
    INDArray a = Nd4j.rand(DataType.FLOAT, 64, 32);
    INDArray b = Nd4j.rand(DataType.FLOAT, 32, 48);
    assertEquals(
        a.mmul(b).getFloat(5, 7), a.getRow(5).mul(b.getColumn(7)).sumNumber().floatValue(), 1e-4);
  }

  @Test
  void blasAndLoopThreadsAreProcessWideOpenMpIsPerThread() throws Exception {
    int openMpElsewhere = CompletableFuture.supplyAsync(ComputeThreadsTest::openMp).get();
    ComputeThreads.apply(1);

    int[] seen =
        CompletableFuture.supplyAsync(() -> new int[] {openMp(), openBlas(), loops()}).get();

    assertEquals(1, seen[1], "OpenBLAS threads seen from another thread");
    assertEquals(1, seen[2], "libnd4j loop threads seen from another thread");
    // libgomp keeps omp_set_num_threads per thread: the other thread keeps its own value. This is
    // why the Mojo must call apply() on the thread that trains.
    assertEquals(openMpElsewhere, seen[0]);
  }

  @Test
  void zeroAndAutoKeepOrRestoreNd4jsDefault() {
    // Other tests in this JVM (a run at the default -Ddelvm.threads=1) may have set the counts.
    ComputeThreads.apply(0);
    int openMp = openMp();
    int openBlas = openBlas();
    int loops = loops();
    String defaults =
        String.format("OpenMP %d, OpenBLAS %d, libnd4j loops %d", openMp, openBlas, loops);

    assertEquals("ND4J compute threads: ND4J's default, " + defaults, ComputeThreads.apply(0));
    ComputeThreads.apply(1);
    String line = ComputeThreads.apply(ComputeThreads.AUTO);

    assertEquals("ND4J compute threads: ND4J's default, " + defaults, line);
    assertEquals(openMp, openMp());
    assertEquals(openBlas, openBlas());
    assertEquals(loops, loops());
  }

  @Test
  void moreThreadsThanLibnd4jsPoolAreCappedAndSaidSo() {
    int pool = Nd4j.getEnvironment().maxThreads();
    int threads = pool + 1;

    String line = ComputeThreads.apply(threads);

    assertEquals(threads, openMp());
    assertEquals(threads, openBlas());
    assertEquals(pool, loops());
    assertTrue(line.startsWith("ND4J compute threads: " + threads + " requested, "), line);
    assertTrue(line.endsWith("libnd4j loops are capped at its pool of " + pool), line);
  }

  @Test
  void negativeCountOtherThanAutoIsRejectedWithTheFix() {
    int before = openBlas();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ComputeThreads.apply(-2));

    String message = e.getMessage();
    assertTrue(message.startsWith("delvm.threads must be the number of threads"), message);
    assertTrue(message.contains("got -2"), message);
    assertTrue(message.contains("0 or -1 (auto)"), message);
    assertTrue(message.contains("-Ddelvm.threads=1"), message);
    assertEquals(before, openBlas(), "nothing changed");
  }
}
