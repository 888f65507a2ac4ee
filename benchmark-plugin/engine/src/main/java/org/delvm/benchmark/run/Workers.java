package org.delvm.benchmark.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.IntStream;

/**
 * Runs a plan's cells several at a time in one process ({@code -Ddelvm.workers}). Each cell's
 * numbers depend only on its own seeds and on the compute thread count, which every worker thread
 * sets alike (OpenMP's setting is per calling thread), so a parallel run stores the same numbers as
 * a serial one. Cells start longest-first by the cost model, so the long ones do not end up alone
 * at the end; the outcomes come back in plan order.
 */
final class Workers {

  private Workers() {}

  /**
   * The cores and the cells' memory allow this many workers: one per {@code threads} cores (one in
   * all when ND4J picks its own threads, which already uses every core), and no more than the
   * largest cell fits into the off-heap memory.
   */
  static int automatic(int threads, int cores, double availableBytes, double largestCellBytes) {
    if (threads <= 0) {
      return 1;
    }
    int byCores = Math.max(1, cores / threads);
    int byMemory =
        largestCellBytes <= 0 ? byCores : (int) Math.max(1, availableBytes / largestCellBytes);
    return Math.min(byCores, byMemory);
  }

  /**
   * Runs the tasks, {@code workers} at a time, each on a thread with {@code threads} compute
   * threads; a task that ends in an {@link Error} (out of memory, say) becomes {@code
   * failed.apply(index, error)} and the others go on.
   *
   * @param cost each task's predicted seconds, for the order they start in
   */
  static <T> List<T> run(
      List<Callable<T>> tasks,
      double[] cost,
      int workers,
      int threads,
      BiFunction<Integer, Throwable, T> failed) {
    AtomicInteger number = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            runnable -> {
              Thread t =
                  new Thread(
                      () -> {
                        ComputeThreads.apply(threads);
                        runnable.run();
                      },
                      "delvm-worker-" + number.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<T>> futures = new ArrayList<>(tasks.size());
      tasks.forEach(t -> futures.add(null));
      IntStream.range(0, tasks.size())
          .boxed()
          .sorted(Comparator.comparingDouble((Integer i) -> -cost[i]).thenComparing(i -> i))
          .forEach(i -> futures.set(i, pool.submit(tasks.get(i))));
      List<T> outcomes = new ArrayList<>(tasks.size());
      for (int i = 0; i < futures.size(); i++) {
        outcomes.add(outcome(futures.get(i), i, failed));
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T outcome(
      Future<T> future, int index, BiFunction<Integer, Throwable, T> failed) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException problem) {
        throw problem; // a problem of the run (storage, data), not of one cell: as in a serial run
      }
      return failed.apply(index, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while cells were running", e);
    }
  }
}
