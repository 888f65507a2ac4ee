package org.delvm.benchmark.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.delvm.benchmark.models.graph.Activation;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/**
 * With a linear f the DELVM is Gaussian: precision P = I - W^T W and mean P^-1 W^T b. Its samplers
 * must reproduce those moments.
 */
class SamplersTest {

  private static final int CHAINS = 10000;

  private final LayeredNetwork linear =
      Mlp.of(
          Activation.LINEAR,
          List.of(Nd4j.createFromArray(new double[][] {{0.6, 0.2}, {-0.1, 0.5}})),
          List.of(Nd4j.createFromArray(0.5, -0.4)));
  private final Delvm model = new Delvm(linear);

  private INDArray covariance() {
    INDArray w = linear.weights(0).value();
    return InvertMatrix.invert(
        Nd4j.eye(2).castTo(DataType.DOUBLE).subi(w.transpose().mmul(w)), false);
  }

  private INDArray mean() {
    INDArray w = linear.weights(0).value();
    return covariance().mmul(w.transpose().mmul(linear.bias(0).value().reshape(2, 1))).reshape(2);
  }

  private static double[] flat(INDArray a) {
    return a.dup('c').data().asDouble();
  }

  private static INDArray empiricalCovariance(INDArray samples) {
    INDArray centred = samples.subRowVector(samples.mean(0));
    return centred.transpose().mmul(centred).divi(samples.rows());
  }

  @Test
  void gibbsSamplerWithMoveNoiseHasTheModelsMoments() {
    INDArray samples =
        new DelvmGibbsSampler(model, CHAINS, true, 3L)
            .run(Nd4j.zeros(DataType.DOUBLE, CHAINS, 2), 60);
    assertArrayEquals(flat(mean()), flat(samples.mean(0)), 0.05);
    assertArrayEquals(flat(covariance()), flat(empiricalCovariance(samples)), 0.06);
  }

  @Test
  void thePapersNoiselessMoveIsTooConcentrated() {
    INDArray samples =
        new DelvmGibbsSampler(model, CHAINS, false, 3L)
            .run(Nd4j.zeros(DataType.DOUBLE, CHAINS, 2), 60);
    double modelVariance = covariance().getDouble(0, 0);
    double sampleVariance = empiricalCovariance(samples).getDouble(0, 0);
    assertTrue(sampleVariance < 0.7 * modelVariance, sampleVariance + " vs " + modelVariance);
  }

  @Test
  void langevinSamplesHaveTheModelsMoments() {
    INDArray samples =
        new LangevinSampler(600, 0.02, 4L).sample(model, Nd4j.zeros(DataType.DOUBLE, CHAINS, 2));
    assertArrayEquals(flat(mean()), flat(samples.mean(0)), 0.05);
    assertArrayEquals(flat(covariance()), flat(empiricalCovariance(samples)), 0.08);
  }
}
