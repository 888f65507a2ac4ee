package org.delvm.benchmark.models.objectives;

import java.util.HashMap;
import java.util.Map;
import org.delvm.benchmark.models.Delvm;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Exact score matching (Hyvarinen 2005) for a one-hidden-layer ReLU DELVM, in closed form.
 *
 * <p>Per sample, L(x) = 1/2 ||grad E||^2 - tr(Hessian E) with grad E = x - J^T f and tr(Hessian E)
 * = d - sum_j step(a_j) ||w_j||^2, so
 *
 * <pre>L(x) = 1/2 ||x - W^T relu(a)||^2 - d + sum_j step(a_j) ||w_j||^2.</pre>
 *
 * The paper prints the trace with the opposite sign (eq. 8 and 12); {@link Sign#AS_PRINTED}
 * implements that variant so the report can show which one reproduces the paper. With the printed
 * sign a 1-D Gaussian has no minimum at the data variance (see SCORE-MATCHING-MATH.md).
 *
 * <p>Gradients, with R = X - F W (residuals), F = relu(A), S = step(A), Delta = -S * (R W^T) and
 * c_j = sum_n S_nj (active count of unit j), for a batch of n rows:
 *
 * <pre>
 * dL/dW = (-F^T R + Delta^T X + sign * 2 diag(c) W) / n
 * dL/db = colsum(Delta) / n
 * </pre>
 *
 * The step masks are constants almost everywhere, so the trace term contributes only through
 * ||w_j||^2.
 */
public final class ScoreMatching implements Objective {

  /** The sign in front of the Hessian-trace term. */
  public enum Sign {
    /** Hyvarinen's objective: 1/2 ||grad E||^2 - tr(Hessian E). */
    HYVARINEN(1.0, "sm"),
    /** The paper's printed eq. (8): 1/2 ||grad E||^2 + tr(Hessian E). */
    AS_PRINTED(-1.0, "sm-printed");

    /** Multiplies -tr(Hessian E): +1 for Hyvarinen, -1 for the printed variant. */
    final double factor;

    final String objectiveName;

    Sign(double factor, String objectiveName) {
      this.factor = factor;
      this.objectiveName = objectiveName;
    }
  }

  private final Sign sign;
  private final Map<Long, Buffers> buffersByRows = new HashMap<>();

  public ScoreMatching(Sign sign) {
    this.sign = sign;
  }

  @Override
  public String name() {
    return sign.objectiveName;
  }

  /**
   * The objective per sample, computed from the model's own energy derivatives (not the training
   * path's buffers): for reports and as an independent check of {@link #lossAndGradients}.
   */
  public INDArray perSample(Delvm model, INDArray x) {
    INDArray residual = x.sub(model.reconstruction(x));
    INDArray halfSquaredScore = residual.muli(residual).sum(1).muli(0.5);
    return halfSquaredScore.subi(model.energyLaplacian(x).muli(sign.factor));
  }

  @Override
  public double lossAndGradients(Delvm model, INDArray x) {
    Buffers b = buffers(model, x.rows());
    INDArray w = model.weights().value();
    int n = (int) x.rows();
    int d = model.inputSize();

    Nd4j.gemm(x, w, b.preActivation, false, true, 1.0, 0.0);
    b.preActivation.addiRowVector(model.bias().value());
    Nd4j.getExecutioner().exec(new RectifiedLinear(b.preActivation, b.hidden));
    Nd4j.getExecutioner().exec(new Step(b.preActivation, b.active));

    // R = X - F W
    b.residual.assign(x);
    Nd4j.gemm(b.hidden, w, b.residual, false, false, -1.0, 1.0);
    double squaredResidual = b.residual.norm2Number().doubleValue();
    squaredResidual *= squaredResidual;

    // sum_n sum_j S_nj ||w_j||^2 = c . q
    b.active.sum(b.activeCount, 0);
    b.squaredWeights.assign(w).muli(w);
    b.squaredWeights.sum(b.squaredRowNorms, 1);
    double activeSquaredNorms = b.activeCount.mul(b.squaredRowNorms).sumNumber().doubleValue();

    double loss = (0.5 * squaredResidual + sign.factor * (activeSquaredNorms - (double) n * d)) / n;

    // Delta = -S * (R W^T)
    Nd4j.gemm(b.residual, w, b.delta, false, true, -1.0, 0.0);
    b.delta.muli(b.active);

    INDArray gradW = model.weights().gradient();
    Nd4j.gemm(b.hidden, b.residual, gradW, true, false, -1.0, 0.0);
    Nd4j.gemm(b.delta, x, gradW, true, false, 1.0, 1.0);
    b.squaredWeights.assign(w).muliColumnVector(b.activeCount.reshape(w.rows(), 1));
    gradW.addi(b.squaredWeights.muli(2.0 * sign.factor)).muli(1.0 / n);

    b.delta.sum(model.bias().gradient().reshape(w.rows()), 0);
    model.bias().gradient().muli(1.0 / n);
    return loss;
  }

  private Buffers buffers(Delvm model, long rows) {
    // A training run sees two batch sizes (full and the epoch's last, partial one).
    Buffers cached = buffersByRows.get(rows);
    if (cached == null || cached.model != model) {
      cached = new Buffers(model, rows);
      buffersByRows.put(rows, cached);
    }
    return cached;
  }

  /** Work arrays for one model and batch size, allocated once (fresh memory is slow here). */
  private static final class Buffers {
    final Delvm model;
    final long rows;
    final INDArray preActivation;
    final INDArray hidden;
    final INDArray active;
    final INDArray residual;
    final INDArray delta;
    final INDArray activeCount;
    final INDArray squaredWeights;
    final INDArray squaredRowNorms;

    Buffers(Delvm model, long rows) {
      this.model = model;
      this.rows = rows;
      var type = model.dataType();
      int m = model.hiddenUnits();
      int d = model.inputSize();
      preActivation = Nd4j.create(type, rows, m);
      hidden = Nd4j.create(type, rows, m);
      active = Nd4j.create(type, rows, m);
      residual = Nd4j.create(type, rows, d);
      delta = Nd4j.create(type, rows, m);
      activeCount = Nd4j.create(type, m);
      squaredWeights = Nd4j.create(type, m, d);
      squaredRowNorms = Nd4j.create(type, m);
    }
  }
}
