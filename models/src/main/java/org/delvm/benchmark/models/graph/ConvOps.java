package org.delvm.benchmark.models.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution nodes. Values stay 2-D (one flattened C x H x W image per row) so that every other
 * node works on them unchanged; the ops see 4-D NCHW views of the same buffers. The passes are
 * built once with their buffers and re-executed every pass: ND4J's conv2d for convolutions, {@link
 * Im2col} (im2col + GEMM) for transposed convolutions and weight gradients where that is faster
 * (odd kernels of 5 and more), ND4J's deconv2d and conv2d_bp otherwise.
 */
final class ConvOps {

  private ConvOps() {}

  private static INDArray images(INDArray rows, int channels, ConvShape s) {
    return rows.reshape('c', rows.rows(), channels, s.height(), s.width());
  }

  private static DynamicCustomOp op(
      String name, INDArray[] inputs, INDArray[] outputs, ConvShape s) {
    return DynamicCustomOp.builder(name)
        .addInputs(inputs)
        .addOutputs(outputs)
        .addIntegerArguments(s.nd4jArguments())
        .build();
  }

  /** conv(x, W) + b: n x C*H*W to n x F*H*W; the bias (1 x F) may be absent. */
  static final class Conv2d extends Node {
    private final DynamicCustomOp forward;
    private final Runnable backward;

    Conv2d(Node x, Node w, Node b, ConvShape s) {
      super(
          Nd4j.create(x.value.dataType(), x.shape()[0], s.outputSize()),
          Ops.anyGrad(b == null ? new Node[] {x, w} : new Node[] {x, w, b}));
      INDArray x4 = images(x.value, s.channels(), s);
      INDArray out4 = images(value, s.filters(), s);
      INDArray bias = b == null ? null : b.value.reshape(s.filters());
      forward =
          op(
              "conv2d",
              bias == null ? new INDArray[] {x4, w.value} : new INDArray[] {x4, w.value, bias},
              new INDArray[] {out4},
              s);
      if (!requiresGrad()) {
        backward = null;
      } else if (Im2col.faster(s)) {
        backward = im2colBackward(x, w, b, grad, s);
      } else {
        backward = nd4jBackward(x, w, b, x4, bias, images(grad, s.filters(), s), s);
      }
    }

    /** The gradients by im2col + GEMM: W^T grad for x, grad . cols(x)^T for W, sums for b. */
    private static Runnable im2colBackward(Node x, Node w, Node b, INDArray grad, ConvShape s) {
      INDArray inputGrad = x.requiresGrad() ? x.grad.ulike() : null;
      Runnable transposed =
          inputGrad == null ? null : Im2col.transposed(s, w.value, grad, inputGrad, Im2col.BUDGET);
      Runnable weights =
          w.requiresGrad() ? Im2col.weightGradient(s, x.value, grad, w.grad, Im2col.BUDGET) : null;
      boolean bias = b != null && b.requiresGrad();
      INDArray grad3 = grad.reshape('c', grad.rows(), s.filters(), s.height() * s.width());
      INDArray biasGrad = bias ? Nd4j.create(grad.dataType(), s.filters()) : null;
      INDArray biasGradRow = bias ? b.grad.reshape(s.filters()) : null;
      return () -> {
        if (transposed != null) {
          transposed.run();
          x.grad.addi(inputGrad);
        }
        if (weights != null) {
          weights.run();
        }
        if (bias) {
          grad3.sum(biasGrad, 0, 2);
          biasGradRow.addi(biasGrad);
        }
      };
    }

    /** ND4J's conv2d_bp (small and even kernels: see {@link Im2col#faster}). */
    private static Runnable nd4jBackward(
        Node x, Node w, Node b, INDArray x4, INDArray bias, INDArray grad4, ConvShape s) {
      INDArray inputGrad = x4.ulike();
      INDArray weightGrad = w.value.ulike();
      INDArray biasGrad = bias == null ? null : bias.ulike();
      DynamicCustomOp op =
          op(
              "conv2d_bp",
              bias == null
                  ? new INDArray[] {x4, w.value, grad4}
                  : new INDArray[] {x4, w.value, bias, grad4},
              bias == null
                  ? new INDArray[] {inputGrad, weightGrad}
                  : new INDArray[] {inputGrad, weightGrad, biasGrad},
              s);
      return () -> {
        Nd4j.exec(op);
        if (x.requiresGrad()) {
          x.grad.addi(inputGrad.reshape(x.grad.shape()));
        }
        if (w.requiresGrad()) {
          w.grad.addi(weightGrad);
        }
        if (b != null && b.requiresGrad()) {
          b.grad.addi(biasGrad.reshape(b.grad.shape()));
        }
      };
    }

    @Override
    void forward() {
      Nd4j.exec(forward);
    }

    @Override
    void backward() {
      backward.run();
    }
  }

  /**
   * The transposed convolution W^T u (the adjoint of conv(., W) without bias): n x F*H*W to n x
   * C*H*W. For f = sigma(conv(x, W) + b), J^T u = W^T (sigma'(a) * u).
   */
  static final class ConvTranspose extends Node {
    private final Runnable forward;
    private final Runnable backward;

    ConvTranspose(Node u, Node w, ConvShape s) {
      super(Nd4j.create(u.value.dataType(), u.shape()[0], s.inputSize()), Ops.anyGrad(u, w));
      INDArray u4 = images(u.value, s.filters(), s);
      INDArray value4 = images(value, s.channels(), s);
      if (Im2col.faster(s)) {
        forward = Im2col.transposed(s, w.value, u.value, value, Im2col.BUDGET);
      } else {
        DynamicCustomOp op =
            op("deconv2d", new INDArray[] {u4, w.value}, new INDArray[] {value4}, s);
        forward = () -> Nd4j.exec(op);
      }
      backward = requiresGrad() ? backward(u, w, u4, images(grad, s.channels(), s), s) : null;
    }

    /** ND4J's deconv2d_bp (measured: no slower than im2col + GEMM with conv2d for d/du). */
    private static Runnable backward(Node u, Node w, INDArray u4, INDArray grad4, ConvShape s) {
      INDArray inputGrad = u4.ulike();
      INDArray weightGrad = w.value.ulike();
      DynamicCustomOp op =
          op(
              "deconv2d_bp",
              new INDArray[] {u4, w.value, grad4},
              new INDArray[] {inputGrad, weightGrad},
              s);
      return () -> {
        Nd4j.exec(op);
        if (u.requiresGrad()) {
          u.grad.addi(inputGrad.reshape(u.grad.shape()));
        }
        if (w.requiresGrad()) {
          w.grad.addi(weightGrad);
        }
      };
    }

    @Override
    void forward() {
      forward.run();
    }

    @Override
    void backward() {
      backward.run();
    }
  }
}
