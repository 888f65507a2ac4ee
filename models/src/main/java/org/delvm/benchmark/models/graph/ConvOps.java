package org.delvm.benchmark.models.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Convolution nodes. Values stay 2-D (one flattened C x H x W image per row) so that every other
 * node works on them unchanged; the ops see 4-D NCHW views of the same buffers. The ND4J ops are
 * built once with their buffers and re-executed every pass.
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
    private final Node x;
    private final Node w;
    private final Node b;
    private final DynamicCustomOp forward;
    private final DynamicCustomOp backward;
    private final INDArray inputGrad;
    private final INDArray weightGrad;
    private final INDArray biasGrad;

    Conv2d(Node x, Node w, Node b, ConvShape s) {
      super(
          Nd4j.create(x.value.dataType(), x.shape()[0], s.outputSize()),
          Ops.anyGrad(b == null ? new Node[] {x, w} : new Node[] {x, w, b}));
      this.x = x;
      this.w = w;
      this.b = b;
      INDArray x4 = images(x.value, s.channels(), s);
      INDArray out4 = images(value, s.filters(), s);
      INDArray bias = b == null ? null : b.value.reshape(s.filters());
      forward =
          op(
              "conv2d",
              bias == null ? new INDArray[] {x4, w.value} : new INDArray[] {x4, w.value, bias},
              new INDArray[] {out4},
              s);
      if (requiresGrad()) {
        inputGrad = x4.ulike();
        weightGrad = w.value.ulike();
        biasGrad = bias == null ? null : bias.ulike();
        INDArray grad4 = images(grad, s.filters(), s);
        backward =
            op(
                "conv2d_bp",
                bias == null
                    ? new INDArray[] {x4, w.value, grad4}
                    : new INDArray[] {x4, w.value, bias, grad4},
                bias == null
                    ? new INDArray[] {inputGrad, weightGrad}
                    : new INDArray[] {inputGrad, weightGrad, biasGrad},
                s);
      } else {
        inputGrad = weightGrad = biasGrad = null;
        backward = null;
      }
    }

    @Override
    void forward() {
      Nd4j.exec(forward);
    }

    @Override
    void backward() {
      Nd4j.exec(backward);
      if (x.requiresGrad()) {
        x.grad.addi(inputGrad.reshape(x.grad.shape()));
      }
      if (w.requiresGrad()) {
        w.grad.addi(weightGrad);
      }
      if (b != null && b.requiresGrad()) {
        b.grad.addi(biasGrad.reshape(b.grad.shape()));
      }
    }
  }

  /**
   * The transposed convolution W^T u (the adjoint of conv(., W) without bias): n x F*H*W to n x
   * C*H*W. For f = sigma(conv(x, W) + b), J^T u = W^T (sigma'(a) * u).
   */
  static final class ConvTranspose extends Node {
    private final Node u;
    private final Node w;
    private final DynamicCustomOp forward;
    private final DynamicCustomOp backward;
    private final INDArray inputGrad;
    private final INDArray weightGrad;

    ConvTranspose(Node u, Node w, ConvShape s) {
      super(Nd4j.create(u.value.dataType(), u.shape()[0], s.inputSize()), Ops.anyGrad(u, w));
      this.u = u;
      this.w = w;
      INDArray u4 = images(u.value, s.filters(), s);
      forward =
          op(
              "deconv2d",
              new INDArray[] {u4, w.value},
              new INDArray[] {images(value, s.channels(), s)},
              s);
      if (requiresGrad()) {
        inputGrad = u4.ulike();
        weightGrad = w.value.ulike();
        backward =
            op(
                "deconv2d_bp",
                new INDArray[] {u4, w.value, images(grad, s.channels(), s)},
                new INDArray[] {inputGrad, weightGrad},
                s);
      } else {
        inputGrad = weightGrad = null;
        backward = null;
      }
    }

    @Override
    void forward() {
      Nd4j.exec(forward);
    }

    @Override
    void backward() {
      Nd4j.exec(backward);
      if (u.requiresGrad()) {
        u.grad.addi(inputGrad.reshape(u.grad.shape()));
      }
      if (w.requiresGrad()) {
        w.grad.addi(weightGrad);
      }
    }
  }
}
