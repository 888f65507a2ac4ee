package org.delvm.benchmark.run;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.delvm.benchmark.models.vae.CosineData;
import org.delvm.benchmark.models.vae.Vae;
import org.delvm.benchmark.models.vae.VaeObjective;
import org.delvm.benchmark.models.vae.VaeTrainer;
import org.delvm.benchmark.pictures.PngImages;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.VaeSettings;
import org.delvm.benchmark.report.CellResult;
import org.delvm.benchmark.report.CellStatus;
import org.delvm.benchmark.report.MetricResult;
import org.delvm.benchmark.report.Picture;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Runs one cell of the VAE paper's Table 1: the paper's VAE (3-32-2 / 2-32-3, parametric tanh)
 * trained by the ELBO (eq. 6) or the Lagrangian (eq. 7) on the noisy 3-D cosine data; RE, KL, (1 +
 * alpha) RE, alpha KL and alpha on the whole data set; and, for its Figure 1, points decoded from
 * N(0, I) drawn over the data. One cell is one run (seed); a template's {@code seeds} make the
 * paper's 10 runs, whose mean and std the report shows.
 */
public final class VaeCellRunner {

  /** The generated dataset of the VAE paper. */
  static final String DATASET = "cosine-3d";

  /** The latent size: the cell's {@code latentUnits}, else the paper's 2. */
  static int latent(Cell cell) {
    return cell.latentUnits() == null ? 2 : cell.latentUnits();
  }

  /** Seed of the data set: one data set for every run, as the paper's "10 runs" suggests. */
  static final long DATA_SEED = 0;

  /** Points in the data set (the paper's 10000). */
  public static final int POINTS = CosineData.Spec.paper().points();

  /** The data, for reports and fingerprints. */
  public static final String DATA_DESCRIPTION =
      "CosineData.Spec.paper() = "
          + CosineData.Spec.paper()
          + ": rows (x, y, cos x) + N(0, noise^2), x and y uniform in [-halfWidth, halfWidth],"
          + " java.util.Random(seed "
          + DATA_SEED
          + ")";

  private static final int DECODED = 2000;

  private final Consumer<String> log;

  VaeCellRunner(Consumer<String> log) {
    this.log = log;
  }

  CellResult run(Cell cell) {
    VaeTrainer.Settings settings = VaeSettings.of(cell);
    INDArray data = CosineData.generate(CosineData.Spec.paper(), DATA_SEED, DataType.DOUBLE);
    Vae vae =
        Vae.initialise(3, cell.hiddenUnits().get(0), latent(cell), cell.seed(), DataType.DOUBLE);
    log.accept(
        String.format(
            Locale.ROOT,
            "cell %s: starting (VAE 3-32-2, objective %s, %d epochs, %d points)",
            cell.id(),
            cell.objective(),
            cell.epochs(),
            data.rows()));
    VaeTrainer.Result training = new VaeTrainer(settings).train(vae, data);
    List<MetricResult> metrics = new ArrayList<>();
    List<Picture> pictures = List.of();
    String message = "";
    if (training.diverged()) {
      message = "diverged: a loss or a weight became non-finite";
    } else {
      VaeTrainer.Evaluation e =
          VaeTrainer.evaluate(vae, data, training.alpha(), 1000L + cell.seed());
      Map<String, Double> paper = cell.paper();
      metrics.add(new MetricResult("RE", e.reconstructionError(), paper.get("RE"), ""));
      // The paper's KL (56832) is a sum over its 10000 samples; the training loss averages it.
      metrics.add(new MetricResult("KL", e.klDivergence(), null, ""));
      metrics.add(
          new MetricResult(
              "KL (sum over the data set)", e.klDivergence() * POINTS, paper.get("KL"), ""));
      if (settings.objective() == VaeObjective.LAGRANGIAN) {
        metrics.add(
            new MetricResult(
                "(1+alpha) RE", e.weightedReconstructionError(), paper.get("(1+alpha) RE"), ""));
        metrics.add(new MetricResult("alpha KL", e.weightedKl(), paper.get("alpha KL"), ""));
        metrics.add(new MetricResult("alpha", e.alpha(), paper.get("alpha"), ""));
      }
      pictures = figure1(data, vae.sample(DECODED, 2000L + cell.seed()), cell.series());
      log.accept(
          String.format(
              Locale.ROOT,
              "cell %s: done in %.1f s: RE %.4g, KL %.4g, alpha %.3g (paper RE %s, KL %s)",
              cell.id(),
              training.seconds(),
              e.reconstructionError(),
              e.klDivergence(),
              e.alpha(),
              paper.getOrDefault("RE", Double.NaN),
              paper.getOrDefault("KL", Double.NaN)));
    }
    Map<String, String> described = new LinkedHashMap<>();
    int hidden = cell.hiddenUnits().get(0);
    described.put(
        "network",
        String.format(
            Locale.ROOT,
            "encoder 3-%d-(%d+%d), decoder %d-%d-3, parametric tanh",
            hidden,
            latent(cell),
            latent(cell),
            latent(cell),
            hidden));
    described.put("data", DATA_DESCRIPTION);
    described.put("objective", settings.objective().id());
    described.put(
        "alpha",
        settings.objective() == VaeObjective.LAGRANGIAN
            ? String.format(
                Locale.ROOT,
                "initially %s, delta %s, learning rate %s, rule %s",
                settings.alphaInitial(),
                settings.delta(),
                settings.alphaLearningRate(),
                settings.alphaRule())
            : "none (ELBO)");
    described.put("epochs", Integer.toString(settings.epochs()));
    described.put("batch size", Integer.toString(settings.batchSize()));
    described.put("optimiser", "Adam, learning rate " + settings.learningRate());
    described.put("evaluation", "RE and KL on all 10000 points, one reparameterised draw each");
    return new CellResult(
        cell.id(),
        cell.experiment(),
        cell.dataset(),
        "VAE (3-" + hidden + "-" + latent(cell) + ", parametric tanh)",
        cell.objective(),
        described,
        cell.seed(),
        training.diverged() ? CellStatus.DIVERGED : CellStatus.COMPLETED,
        message,
        training.seconds(),
        training.seconds() > 0 ? settings.epochs() * data.rows() / training.seconds() : 0,
        training.epochLosses(),
        metrics,
        cell.series(),
        cell.coordinates(),
        pictures);
  }

  /**
   * The VAE paper's Figure 1 as two projections, (x, cos x) and (x, y): the data in grey, the
   * points decoded from N(0, I) in blue. Decoded points that follow the curve show a model that
   * learned it.
   */
  static List<Picture> figure1(INDArray data, INDArray decoded, String series) {
    String row =
        "Figure 1 ("
            + series
            + "): "
            + DECODED
            + " points decoded from z ~ N(0, I) (blue) over the data (grey), two projections";
    return List.of(
        scatter(row, "x (horizontal) against cos x (vertical)", data, decoded, 0, 2),
        scatter(row, "x (horizontal) against y (vertical)", data, decoded, 0, 1));
  }

  private static Picture scatter(
      String row, String caption, INDArray data, INDArray decoded, int xColumn, int yColumn) {
    int size = 160;
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        image.setRGB(i, j, Color.WHITE.getRGB());
      }
    }
    // A fixed window around the data (x, y in [-pi/2, pi/2], cos x in [0, 1]) with a margin.
    double low = -2.2;
    double high = 2.2;
    plot(image, data, xColumn, yColumn, low, high, new Color(190, 190, 190).getRGB());
    plot(image, decoded, xColumn, yColumn, low, high, new Color(31, 90, 180).getRGB());
    return Picture.png(row, caption, size, size, PngImages.png(image));
  }

  private static void plot(
      BufferedImage image, INDArray points, int xc, int yc, double low, double high, int rgb) {
    int size = image.getWidth();
    double[][] p = points.toDoubleMatrix();
    for (double[] q : p) {
      int x = (int) Math.floor((q[xc] - low) / (high - low) * size);
      int y = size - 1 - (int) Math.floor((q[yc] - low) / (high - low) * size);
      if (x >= 0 && x < size && y >= 0 && y < size) {
        image.setRGB(x, y, rgb);
      }
    }
  }
}
