package org.delvm.benchmark.run;

import java.util.List;
import java.util.Locale;
import org.delvm.benchmark.models.Autoencoder;
import org.delvm.benchmark.models.Cebm;
import org.delvm.benchmark.models.Cnn;
import org.delvm.benchmark.models.Delvm;
import org.delvm.benchmark.models.Dem;
import org.delvm.benchmark.models.EnergyModel;
import org.delvm.benchmark.models.Inference;
import org.delvm.benchmark.models.LayeredNetwork;
import org.delvm.benchmark.models.Mlp;
import org.delvm.benchmark.models.StackedRbm;
import org.delvm.benchmark.models.graph.Activation;
import org.delvm.benchmark.plan.Cell;
import org.delvm.benchmark.plan.ModelKind;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Builds the model a cell names (float32, seeded by the cell), and gives the two things every
 * evaluation needs from it: the anomaly score and the layers whose outputs are its features.
 */
public final class CellModels {

  /** The shape of one input: C x H x W for images, 1 x 1 x d for vectors. */
  public record InputShape(int channels, int height, int width) {

    static InputShape vector(int size) {
      return new InputShape(1, 1, size);
    }

    int size() {
      return channels * height * width;
    }
  }

  private CellModels() {}

  /**
   * The cell's model, its f pre-trained on {@code train} by stacked RBMs when the cell asks for it
   * ({@link Cell#pretraining()}).
   */
  public static EnergyModel create(Cell cell, InputShape in, INDArray train) {
    Cell.Pretraining p = cell.pretraining();
    if (p == null) {
      return create(cell, in);
    }
    StackedRbm stack =
        StackedRbm.pretrain(
            train,
            cell.hiddenUnits(),
            p.k() == null ? 1 : p.k(),
            p.epochs(),
            cell.batchSize(),
            p.learningRate() == null ? 1e-3 : p.learningRate(),
            cell.seed());
    return new Delvm(stack.network());
  }

  public static EnergyModel create(Cell cell, InputShape in) {
    Activation activation = Activation.valueOf(cell.activation().toUpperCase(Locale.ROOT));
    List<Integer> widths = cell.hiddenUnits();
    long seed = cell.seed();
    DataType f32 = DataType.FLOAT;
    int c = in.channels();
    int h = in.height();
    int w = in.width();
    List<Integer> kernels = cell.kernels();
    return switch (ModelKind.of(cell.model()).orElseThrow()) {
      case DELVM_MLP -> new Delvm(Mlp.initialise(in.size(), widths, activation, seed, f32));
      case DELVM_CNN -> new Delvm(Cnn.initialise(c, h, w, widths, kernels, activation, seed, f32));
      // The last width is the binary top; one width alone is a Gaussian-Bernoulli RBM.
      case DEM_MLP ->
          Dem.mlp(
              in.size(),
              widths.subList(0, widths.size() - 1),
              activation,
              widths.get(widths.size() - 1),
              seed,
              f32);
      case DEM_CNN -> Dem.cnn(c, h, w, widths, kernels, activation, seed, f32);
      case CEBM_MLP ->
          Cebm.initialise(in.size(), widths, cell.latentUnits(), activation, seed, f32);
      case CEBM_CNN ->
          Cebm.convolutional(c, h, w, widths, kernels, cell.latentUnits(), activation, seed, f32);
      case AE_MLP -> Autoencoder.dense(in.size(), widths, activation, seed, f32);
      case CAE_CNN -> Autoencoder.convolutional(c, h, w, widths, kernels, activation, seed, f32);
      case VAE ->
          throw new IllegalArgumentException(
              "the VAE is not an energy model: VaeCellRunner trains it");
    };
  }

  /**
   * The paper's anomaly score for every model: the reconstruction error ||x - x_hat||^2. An
   * autoencoder's x_hat is its decoder's output; an energy model's is x - grad_x E (for a DELVM
   * that is J^T f, for a DEM the mean of p(x|h) at h = p(h|x)), so its error is ||grad_x E||^2.
   */
  static double[] reconstructionErrors(EnergyModel model, INDArray x) {
    return new Inference(model).run(x, Inference.Quantity.RECONSTRUCTION_ERROR).toDoubleVector();
  }

  /** Per row, the mean absolute error of the reconstruction (the TF ECG tutorial's score). */
  static double[] meanAbsoluteErrors(EnergyModel model, INDArray x) {
    INDArray reconstruction = new Inference(model).run(x, Inference.Quantity.RECONSTRUCTION);
    return Transforms.abs(x.castTo(reconstruction.dataType()).sub(reconstruction))
        .mean(1)
        .toDoubleVector();
  }

  /** The network whose layers' outputs are the model's features (an autoencoder's encoder). */
  static LayeredNetwork featureNetwork(EnergyModel model) {
    if (model instanceof Delvm d && d.network() instanceof LayeredNetwork network) {
      return network;
    } else if (model instanceof Dem d) {
      return d.network();
    } else if (model instanceof Cebm e) {
      return e.network();
    } else if (model instanceof Autoencoder a) {
      return a.encoder();
    }
    throw new IllegalArgumentException("no feature layers in " + model.describe());
  }
}
