package org.delvm.benchmark.models.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.same.Abs;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.SoftPlus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Element-wise activations and their derivatives up to the third, which score matching needs: the
 * objective holds sigma' and sigma'' of the network, and its gradient one order more.
 *
 * <p>The derivatives of tanh and sigmoid are polynomials in the function's own value (t' = 1 - t^2,
 * s' = s - s^2, ...), evaluated by Horner's rule in preallocated buffers.
 */
public enum Activation {
  /** The identity: f linear makes a DELVM Gaussian, which tests use as ground truth. */
  LINEAR {
    @Override
    void apply(int order, INDArray a, INDArray out, INDArray scratch) {
      switch (order) {
        case 0 -> out.assign(a);
        case 1 -> out.assign(1);
        default -> out.assign(0);
      }
    }
  },
  RELU {
    @Override
    void apply(int order, INDArray a, INDArray out, INDArray scratch) {
      switch (order) {
        case 0 -> Nd4j.getExecutioner().exec(new RectifiedLinear(a, out));
        case 1 -> Nd4j.getExecutioner().exec(new Step(a, out));
        default -> out.assign(0);
      }
    }
  },
  SOFTPLUS {
    @Override
    void apply(int order, INDArray a, INDArray out, INDArray scratch) {
      if (order == 0) {
        // ND4J's SoftPlus is log(1 + exp(a)): +Inf in float for a > 88.7. relu(a) +
        // softplus(-|a|) is the same function and finite everywhere.
        Nd4j.getExecutioner().exec(new Abs(a, scratch));
        scratch.negi();
        Nd4j.getExecutioner().exec(new SoftPlus(scratch, scratch));
        Nd4j.getExecutioner().exec(new RectifiedLinear(a, out));
        out.addi(scratch);
      } else {
        Nd4j.getExecutioner().exec(new Sigmoid(a, scratch));
        horner(SIGMOID_POLYNOMIALS[order - 1], scratch, out);
      }
    }
  },
  TANH {
    @Override
    void apply(int order, INDArray a, INDArray out, INDArray scratch) {
      Nd4j.getExecutioner().exec(new Tanh(a, scratch));
      horner(TANH_POLYNOMIALS[order], scratch, out);
    }
  },
  SIGMOID {
    @Override
    void apply(int order, INDArray a, INDArray out, INDArray scratch) {
      Nd4j.getExecutioner().exec(new Sigmoid(a, scratch));
      horner(SIGMOID_POLYNOMIALS[order], scratch, out);
    }
  },
  /**
   * SiLU (swish), a * sigmoid(a), CEBM's activation. With s = sigmoid(a), the n-th derivative is n
   * s^(n-1) + a s^(n), each s^(k) a polynomial in s, evaluated as one polynomial in s whose
   * coefficients are a * P_n[k] + n * P_(n-1)[k].
   */
  SILU {
    @Override
    void apply(int order, INDArray a, INDArray out, INDArray scratch) {
      Nd4j.getExecutioner().exec(new Sigmoid(a, scratch));
      double[] p = SIGMOID_POLYNOMIALS[order];
      double[] q = order == 0 ? new double[0] : SIGMOID_POLYNOMIALS[order - 1];
      int top = p.length - 1;
      out.assign(a).muli(p[top]);
      if (top < q.length) {
        out.addi(order * q[top]);
      }
      for (int k = top - 1; k >= 0; k--) {
        out.muli(scratch);
        if (p[k] != 0) {
          Nd4j.getBlasWrapper().level1().axpy(a.length(), p[k], a, out);
        }
        if (k < q.length && q[k] != 0) {
          out.addi(order * q[k]);
        }
      }
    }
  };

  /** The highest derivative available. */
  public static final int MAX_ORDER = 3;

  /** Coefficients (constant first) of s, s', s'', s''' as polynomials in s = sigmoid(a). */
  private static final double[][] SIGMOID_POLYNOMIALS = {
    {0, 1}, {0, 1, -1}, {0, 1, -3, 2}, {0, 1, -7, 12, -6}
  };

  /** Coefficients of t, t', t'', t''' as polynomials in t = tanh(a). */
  private static final double[][] TANH_POLYNOMIALS = {
    {0, 1}, {1, 0, -1}, {0, -2, 0, 2}, {-2, 0, 8, 0, -6}
  };

  /**
   * Writes the {@code order}-th derivative of the activation at {@code a} into {@code out}. {@code
   * scratch} (same shape) may be overwritten.
   */
  abstract void apply(int order, INDArray a, INDArray out, INDArray scratch);

  /** True when every derivative of order >= 1 is constant almost everywhere (ReLU, linear). */
  public boolean piecewiseLinear() {
    return this == RELU || this == LINEAR;
  }

  private static void horner(double[] coefficients, INDArray x, INDArray out) {
    int k = coefficients.length - 1;
    out.assign(coefficients[k]);
    for (k--; k >= 0; k--) {
      out.muli(x).addi(coefficients[k]);
    }
  }
}
