package org.delvm.benchmark.models;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Deep energy-based latent variable model (DELVM) with one ReLU hidden layer: f(x) = relu(W x + b),
 * marginal energy E(x) = 1/2 (||x||^2 - ||f(x)||^2), p(h|x) = N(f(x), I).
 *
 * <p>W is stored as m x d (row j is the weight vector w_j of hidden unit j, PyTorch's layout), the
 * bias as a 1 x m row. For a ReLU layer the Jacobian is J = diag(step(a)) W, so the reconstruction
 * J^T f = W^T relu(a).
 */
public final class Delvm implements EnergyModel {

  private final Parameter weights;
  private final Parameter bias;

  private Delvm(INDArray weights, INDArray bias) {
    if (weights.rank() != 2 || bias.length() != weights.rows()) {
      throw new IllegalArgumentException(
          "DELVM weights must be m x d and the bias of length m; got weights "
              + java.util.Arrays.toString(weights.shape())
              + " and bias "
              + java.util.Arrays.toString(bias.shape()));
    }
    this.weights = Parameter.of("W1", 0, weights);
    this.bias = Parameter.of("b1", 0, bias.reshape(1, weights.rows()));
  }

  /** A DELVM with the given weights (m x d, copied by reference) and bias (length m). */
  public static Delvm of(INDArray weights, INDArray bias) {
    return new Delvm(weights, bias);
  }

  /**
   * Glorot-uniform weights and zero biases (TensorFlow's Dense default, which the paper used),
   * drawn from {@link Random} with the given seed so that one seed gives one model everywhere.
   */
  public static Delvm initialise(int inputSize, int hiddenUnits, long seed, DataType dataType) {
    if (inputSize < 1 || hiddenUnits < 1) {
      throw new IllegalArgumentException(
          "DELVM needs inputSize >= 1 and hiddenUnits >= 1, got "
              + inputSize
              + " and "
              + hiddenUnits);
    }
    Random random = new Random(seed);
    double limit = Math.sqrt(6.0 / (inputSize + hiddenUnits));
    double[] w = new double[hiddenUnits * inputSize];
    for (int i = 0; i < w.length; i++) {
      w[i] = (2 * random.nextDouble() - 1) * limit;
    }
    INDArray weights = Nd4j.createFromArray(w).castTo(dataType).reshape(hiddenUnits, inputSize);
    INDArray bias = Nd4j.zeros(dataType, 1, hiddenUnits);
    return new Delvm(weights, bias);
  }

  public Parameter weights() {
    return weights;
  }

  public Parameter bias() {
    return bias;
  }

  public int hiddenUnits() {
    return (int) weights.value().rows();
  }

  @Override
  public int inputSize() {
    return (int) weights.value().columns();
  }

  @Override
  public DataType dataType() {
    return weights.value().dataType();
  }

  @Override
  public List<Parameter> parameters() {
    return List.of(weights, bias);
  }

  /** Pre-activations a = x W^T + b, n x m. */
  public INDArray preActivation(INDArray x) {
    checkInput(x);
    return x.mmul(weights.value().transpose()).addiRowVector(bias.value());
  }

  /** Hidden representation f(x) = relu(a), n x m: the mean of p(h|x) and the learned feature. */
  public INDArray features(INDArray x) {
    INDArray a = preActivation(x);
    return Nd4j.getExecutioner().exec(new RectifiedLinear(a, a));
  }

  /** Reconstruction J(x)^T f(x) = relu(a) W, n x d. */
  public INDArray reconstruction(INDArray x) {
    return features(x).mmul(weights.value());
  }

  @Override
  public INDArray energy(INDArray x) {
    INDArray f = features(x);
    return x.mul(x).sum(1).subi(f.muli(f).sum(1)).muli(0.5);
  }

  /**
   * Laplacian of the energy, tr(Hessian_x E), per sample. For ReLU f the second derivatives of f
   * vanish almost everywhere, so tr(Hessian E) = d - ||J||_F^2 = d - sum_j step(a_j) ||w_j||^2.
   */
  public INDArray energyLaplacian(INDArray x) {
    INDArray active = Transforms.step(preActivation(x), false);
    INDArray w = weights.value();
    INDArray squaredRowNorms = w.mul(w).sum(1).reshape(hiddenUnits(), 1);
    return active.mmul(squaredRowNorms).reshape(x.rows()).rsubi(inputSize());
  }

  @Override
  public INDArray reconstructionError(INDArray x) {
    INDArray residual = x.sub(reconstruction(x));
    return residual.muli(residual).sum(1);
  }

  private void checkInput(INDArray x) {
    if (x.rank() != 2 || x.columns() != inputSize()) {
      throw new IllegalArgumentException(
          "DELVM input must be n x "
              + inputSize()
              + ", got "
              + java.util.Arrays.toString(x.shape()));
    }
    if (x.dataType() != dataType()) {
      throw new IllegalArgumentException(
          "DELVM input has type " + x.dataType() + " but the model has type " + dataType());
    }
  }
}
