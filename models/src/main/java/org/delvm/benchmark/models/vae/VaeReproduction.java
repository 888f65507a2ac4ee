package org.delvm.benchmark.models.vae;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The VAE paper's experiment (Table 1 and Figure 1): for each objective, {@code runs} trainings
 * with seeds 1..runs (weights, data order, noise) on one data set ({@link CosineData}, seed 0),
 * each evaluated on the whole data set; mean and standard deviation (sample, n - 1) over runs of
 * RE, KL, (1 + alpha) RE, alpha KL and alpha; and, for Figure 1, points decoded from N(0, I) by the
 * first run of each objective. The runs of an objective are trained in parallel, one per processor
 * ({@link #threads(int)}); a run of 200 epochs takes a few seconds (see {@link VaeNetwork}), so the
 * paper's Table 1 at full scale takes about a minute on two cores.
 *
 * <p>Run: {@code java ... org.delvm.benchmark.models.vae.VaeReproduction [runs] [epochs] [batch]
 * [ascent|paper] [objectives]} (defaults 10, 200, 100, ascent, elbo,lagrangian); "paper" selects
 * {@link AlphaUpdate.Rule#DESCENT_REFLECTED}.
 */
public final class VaeReproduction {

  /** Mean and sample standard deviation of one quantity over runs. */
  public record Stat(double mean, double std) {
    static Stat of(double[] values) {
      double mean = 0;
      for (double v : values) {
        mean += v;
      }
      mean /= values.length;
      double ss = 0;
      for (double v : values) {
        ss += (v - mean) * (v - mean);
      }
      return new Stat(mean, values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0.0);
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.4g +- %.2g", mean, std);
    }
  }

  /**
   * One row of Table 1.
   *
   * @param evaluations every run's evaluation, seed order
   * @param samples Figure 1: points decoded from N(0, I) by the first run, samples x 3
   * @param diverged runs that stopped on a non-finite loss or weight
   */
  public record Row(
      VaeObjective objective,
      Stat reconstructionError,
      Stat klDivergence,
      Stat weightedReconstructionError,
      Stat weightedKl,
      Stat alpha,
      List<VaeTrainer.Evaluation> evaluations,
      double[][] samples,
      int diverged,
      double seconds) {}

  /** The experiment's parameters. */
  public record Plan(int runs, int epochs, int batchSize, AlphaUpdate.Rule alphaRule, int samples) {

    /** 10 runs x 200 epochs, batch 100, dual ascent, 10000 samples for Figure 1. */
    public static Plan paper() {
      return new Plan(10, 200, 100, AlphaUpdate.Rule.ASCENT_PROJECTED, 10_000);
    }
  }

  private VaeReproduction() {}

  /** Runs both objectives; the data set is {@link CosineData.Spec#paper()} with seed 0. */
  public static List<Row> run(Plan plan, Consumer<String> log) {
    INDArray data = CosineData.generate(CosineData.Spec.paper(), 0L, DataType.DOUBLE);
    List<Row> rows = new ArrayList<>();
    for (VaeObjective objective : VaeObjective.values()) {
      rows.add(run(plan, objective, data, log));
    }
    return rows;
  }

  /**
   * Runs one objective: {@code plan.runs()} trainings, seeds 1..runs, on {@link #threads(int)}
   * threads. Each run is independent and deterministic, so the results do not depend on the number
   * of threads; the log lines come in seed order.
   */
  public static Row run(Plan plan, VaeObjective objective, INDArray data, Consumer<String> log) {
    return run(plan, objective, data, log, threads(plan.runs()));
  }

  /** {@link #run(Plan, VaeObjective, INDArray, Consumer)} on the given number of threads. */
  static Row run(
      Plan plan, VaeObjective objective, INDArray data, Consumer<String> log, int threads) {
    long start = System.nanoTime();
    List<Run> runs = new ArrayList<>();
    if (threads <= 1) {
      for (int seed = 1; seed <= plan.runs(); seed++) {
        runs.add(log(train(plan, objective, data, seed), objective, log));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      try {
        List<Future<Run>> futures = new ArrayList<>();
        for (int seed = 1; seed <= plan.runs(); seed++) {
          int s = seed;
          futures.add(pool.submit(() -> train(plan, objective, data, s)));
        }
        for (Future<Run> f : futures) {
          runs.add(log(f.get(), objective, log));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("VAE runs interrupted", e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        pool.shutdownNow();
      }
    }
    List<VaeTrainer.Evaluation> evaluations = new ArrayList<>();
    double[][] samples = null;
    int diverged = 0;
    for (Run r : runs) {
      evaluations.add(r.evaluation());
      if (r.result().diverged()) {
        diverged++;
      }
      if (samples == null) {
        samples = r.samples();
      }
    }
    return new Row(
        objective,
        stat(evaluations, VaeTrainer.Evaluation::reconstructionError),
        stat(evaluations, VaeTrainer.Evaluation::klDivergence),
        stat(evaluations, VaeTrainer.Evaluation::weightedReconstructionError),
        stat(evaluations, VaeTrainer.Evaluation::weightedKl),
        stat(evaluations, VaeTrainer.Evaluation::alpha),
        List.copyOf(evaluations),
        samples,
        diverged,
        (System.nanoTime() - start) / 1e9);
  }

  /**
   * Threads for the runs of one objective: the system property {@code delvm.vae.threads} if set,
   * else the available processors; never more than the runs.
   */
  static int threads(int runs) {
    int available = Runtime.getRuntime().availableProcessors();
    int wanted = Integer.getInteger("delvm.vae.threads", available);
    return Math.max(1, Math.min(wanted, runs));
  }

  /** One training: its result, its evaluation and, for seed 1, the Figure 1 samples. */
  private record Run(
      int seed, VaeTrainer.Result result, VaeTrainer.Evaluation evaluation, double[][] samples) {}

  private static Run train(Plan plan, VaeObjective objective, INDArray data, int seed) {
    VaeTrainer.Settings settings =
        VaeTrainer.Settings.paper(objective, plan.epochs(), seed)
            .withBatchSize(plan.batchSize())
            .withAlphaRule(plan.alphaRule());
    Vae vae = Vae.paper(seed, DataType.DOUBLE);
    VaeTrainer.Result result = new VaeTrainer(settings).train(vae, data);
    VaeTrainer.Evaluation e = VaeTrainer.evaluate(vae, data, result.alpha(), 1000L + seed);
    double[][] samples =
        seed == 1 && plan.samples() > 0
            ? vae.sample(plan.samples(), 2000L + seed).toDoubleMatrix()
            : null;
    return new Run(seed, result, e, samples);
  }

  private static Run log(Run run, VaeObjective objective, Consumer<String> log) {
    VaeTrainer.Evaluation e = run.evaluation();
    log.accept(
        String.format(
            Locale.ROOT,
            "%s seed %d: RE %.5g KL %.5g alpha %.4g (%.1f s%s)",
            objective.id(),
            run.seed(),
            e.reconstructionError(),
            e.klDivergence(),
            e.alpha(),
            run.result().seconds(),
            run.result().diverged() ? ", diverged" : ""));
    return run;
  }

  private static Stat stat(
      List<VaeTrainer.Evaluation> evaluations,
      java.util.function.ToDoubleFunction<VaeTrainer.Evaluation> quantity) {
    return Stat.of(evaluations.stream().mapToDouble(quantity).toArray());
  }

  /** Table 1 as text. */
  public static String format(List<Row> rows) {
    StringBuilder s = new StringBuilder();
    s.append("objective   | RE | KL | (1+alpha) RE | alpha KL | alpha | diverged | seconds\n");
    for (Row r : rows) {
      s.append(
          String.format(
              Locale.ROOT,
              "%-11s | %s | %s | %s | %s | %s | %d | %.1f%n",
              r.objective().id(),
              r.reconstructionError(),
              r.klDivergence(),
              r.weightedReconstructionError(),
              r.weightedKl(),
              r.alpha(),
              r.diverged(),
              r.seconds()));
    }
    return s.toString();
  }

  public static void main(String[] args) {
    Plan paper = Plan.paper();
    Plan plan =
        new Plan(
            args.length > 0 ? Integer.parseInt(args[0]) : paper.runs(),
            args.length > 1 ? Integer.parseInt(args[1]) : paper.epochs(),
            args.length > 2 ? Integer.parseInt(args[2]) : paper.batchSize(),
            args.length > 3 && args[3].equals("paper")
                ? AlphaUpdate.Rule.DESCENT_REFLECTED
                : AlphaUpdate.Rule.ASCENT_PROJECTED,
            paper.samples());
    INDArray data = CosineData.generate(CosineData.Spec.paper(), 0L, DataType.DOUBLE);
    List<Row> rows = new ArrayList<>();
    for (String id : (args.length > 4 ? args[4] : "elbo,lagrangian").split(",")) {
      rows.add(run(plan, VaeObjective.of(id.trim()), data, System.out::println));
    }
    System.out.print(format(rows));
  }
}
