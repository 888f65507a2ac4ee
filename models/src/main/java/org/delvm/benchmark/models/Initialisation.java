package org.delvm.benchmark.models;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Weight initialisation drawn from {@link Random}, so that one seed gives one network on every JVM
 * and backend.
 */
final class Initialisation {

  private Initialisation() {}

  /** Uniform in +- sqrt(6 / (fanIn + fanOut)) (Glorot), in the given shape. */
  static INDArray glorotUniform(
      Random random, int fanIn, int fanOut, DataType type, long... shape) {
    double limit = Math.sqrt(6.0 / (fanIn + fanOut));
    long n = 1;
    for (long dim : shape) {
      n *= dim;
    }
    double[] w = new double[Math.toIntExact(n)];
    for (int i = 0; i < w.length; i++) {
      w[i] = (2 * random.nextDouble() - 1) * limit;
    }
    return Nd4j.createFromArray(w).castTo(type).reshape(shape);
  }
}
